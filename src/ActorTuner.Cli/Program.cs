using System.CommandLine;
using ActorTuner.Cli.Commands;

namespace ActorTuner.Cli;

/// <summary>The actortuner executable.</summary>
public static class Program
{
    /// <summary>The root command with every subcommand.</summary>
    public static RootCommand BuildRootCommand() => new("actortuner: Bayesian optimisation of hyperparameters, trials run by actors, every decision journalled")
    {
        RunCommand.Create(),
        ExportCommand.Create(),
        StudiesCommand.Create(),
        NodeCommand.Create(),
        SubmitCommand.Create(),
        StatusCommand.Create(),
    };

    /// <summary>Entry point.</summary>
    public static Task<int> Main(string[] args) =>
        BuildRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
}
