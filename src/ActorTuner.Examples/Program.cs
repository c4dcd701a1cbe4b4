using ActorTuner.Examples.Digits;
using ActorTuner.Examples.Hosting;

namespace ActorTuner.Examples;

/// <summary>The examples executable: the first argument names the command.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        return MainAsync(args).GetAwaiter().GetResult();
    }

    private static async Task<int> MainAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        return args switch
        {
            [DigitsObjectiveCommand.Name, .. var rest] => DigitsObjectiveCommand.Run(
                rest, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancel.Token),
            [] or [DigitsTuningJob.Name, ..] => await TuneDigits(args.Skip(args.Length > 0 ? 1 : 0).ToArray(), cancel.Token).ConfigureAwait(false),
            [HostingSample.Name, .. var rest] => HostingSample.Run(rest, Console.Out, Console.Error, TimeProvider.System, cancel.Token),
            [Cluster.ClusterWorker.Name, .. var rest] => await Cluster.ClusterWorker.RunAsync([.. rest], Console.Error).ConfigureAwait(false),
            _ => Usage(Console.Error),
        };
    }

    // tune-digits [--trials N] [--db PATH] [--fresh]
    private static async Task<int> TuneDigits(string[] options, CancellationToken cancellation)
    {
        var trials = 40;
        var database = "digits.db";
        var fresh = false;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--trials" when i + 1 < options.Length && int.TryParse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0:
                    trials = n;
                    i++;
                    break;
                case "--db" when i + 1 < options.Length:
                    database = options[++i];
                    break;
                case "--fresh":
                    fresh = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"error: unknown or incomplete option '{options[i]}'; expected --trials N (N >= 1), --db PATH, --fresh").ConfigureAwait(false);
                    return DigitsObjectiveCommand.UsageError;
            }
        }

        ActorTuner.Cli.Reports.ProgressView.WidenWhenRedirected(Spectre.Console.AnsiConsole.Console);
        return await DigitsTuningJob.RunAsync(database, trials, fresh, Spectre.Console.AnsiConsole.Console, cancellation).ConfigureAwait(false);
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: ActorTuner.Examples <command>");
        error.WriteLine("commands:");
        error.WriteLine($"  {DigitsTuningJob.Name} [--trials 40] [--db digits.db] [--fresh]   (the default) tune the digits MLP with gp and with random search, side by side");
        error.Write(DigitsObjectiveCommand.UsageText);
        error.Write(HostingSample.UsageText);
        error.Write(Cluster.ClusterWorker.UsageText);
        return DigitsObjectiveCommand.UsageError;
    }
}
