using System.Collections.Immutable;
using ActorTuner.Actors.Objectives;
using ActorTuner.Cli.Commands;
using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Cluster;

/// <summary>
/// <c>cluster-worker --seed-nodes HOST:PORT --storage postgres:... [--port P] [--slots N] [--tags a,b]</c>: a cluster
/// worker node that embeds ActorTuner and registers an in-process objective, the digits network as
/// <c>digits-mlp</c>, so a study file with <c>objective { registered = digits-mlp }</c>
/// (hocon/examples/digits-cluster.conf) runs it in this process, no child process per trial. Everything else is
/// <c>actortuner node --roles worker</c>: the same options and ACTORTUNER_* variables, Ctrl+C leaves gracefully.
/// </summary>
public static class ClusterWorker
{
    /// <summary>The command's name.</summary>
    public const string Name = "cluster-worker";

    /// <summary>The name the digits objective is registered under.</summary>
    public const string DigitsObjectiveName = "digits-mlp";

    /// <summary>The usage line.</summary>
    public const string UsageText = $"  {Name} --seed-nodes HOST:PORT --storage postgres:... [--port 4060] [--slots 1] [--tags a,b]   a cluster worker node running '{DigitsObjectiveName}' in process\n";

    private static readonly string[] Known = ["--seed-nodes", "--storage", "--host", "--port", "--public-host", "--slots", "--tags", "--stable-after", "--tls-cert", "--tls-password-env"];

    /// <summary>The in-process objectives this worker registers.</summary>
    public static IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>> Objectives { get; } =
        ImmutableDictionary<string, Func<Trial, CancellationToken, Task<double>>>.Empty.Add(DigitsObjectiveName, DigitsObjective.EvaluateAsync);

    /// <summary>Runs the worker node until Ctrl+C or SIGTERM; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!Known.Contains(args[i]) || i + 1 >= args.Length)
            {
                await error.WriteLineAsync($"error: unknown or incomplete option '{args[i]}'; expected {string.Join(", ", Known)}, each with a value").ConfigureAwait(false);
                return DigitsObjectiveCommand.UsageError;
            }

            values[args[i]] = args[i + 1];
        }

        string? Value(string key) => values.GetValueOrDefault(key);
        Actors.Cluster.ClusterNodeSettings settings;
        try
        {
            settings = NodeCommand.Settings("worker", Value("--host"), Value("--port") ?? "4060", Value("--public-host"), Value("--seed-nodes"), Value("--storage"),
                    Value("--slots"), Value("--tags"), null, Value("--stable-after"))
                with { Tls = ClusterOptions.Tls(Value("--tls-cert"), Value("--tls-password-env")) };
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            await error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return DigitsObjectiveCommand.UsageError;
        }

        return await NodeCommand.RunAsync(settings, Objectives).ConfigureAwait(false);
    }
}
