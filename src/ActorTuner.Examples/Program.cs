using ActorTuner.Examples.Digits;
using ActorTuner.Examples.Hosting;

namespace ActorTuner.Examples;

/// <summary>The examples executable: the first argument names the command.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
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
            [HostingSample.Name, .. var rest] => HostingSample.Run(rest, Console.Out, Console.Error, TimeProvider.System, cancel.Token),
            _ => Usage(Console.Error),
        };
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine("usage: ActorTuner.Examples <command>");
        error.WriteLine("commands:");
        error.Write(DigitsObjectiveCommand.UsageText);
        error.Write(HostingSample.UsageText);
        return DigitsObjectiveCommand.UsageError;
    }
}
