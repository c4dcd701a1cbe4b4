using System.CommandLine;
using ActorTuner.Benchmarks.Cli;

namespace ActorTuner.Benchmarks;

/// <summary>
/// The benchmark executable: <c>efficiency</c> (sample efficiency on tabular and synthetic tasks),
/// <c>overhead</c> (time per suggestion), <c>throughput</c> (trials per second through the runtime) and <c>report</c> (figures and tables from their JSONL files).
/// </summary>
public static class Program
{
    /// <summary>Parses the arguments and runs the command.</summary>
    public static int Main(string[] args) => BuildRootCommand().Parse(args).Invoke();

    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("ActorTuner benchmarks: sample efficiency, suggestion overhead, and the report built from them")
        {
            EfficiencyCommand.Create(),
            OverheadCommand.Create(),
            ThroughputCommand.Create(),
            Report.ReportCommand.Create(),
        };

        return root;
    }
}
