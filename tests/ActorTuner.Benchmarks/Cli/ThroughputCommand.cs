using System.CommandLine;
using ActorTuner.Benchmarks.Report;
using ActorTuner.Benchmarks.Throughput;

namespace ActorTuner.Benchmarks.Cli;

/// <summary>
/// <c>throughput [--trials 2000] [--workers 8] [--storages sqlite,postgres,memory] [--peers optuna,optuna-threads] [--seed 0] [--out-md docs/throughput.md]</c>.
/// </summary>
public static class ThroughputCommand
{
    /// <summary>The command line written at the top of the Markdown page, for these options.</summary>
    public static string Reproduce(ThroughputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var args = $"throughput --trials {options.Trials} --workers {options.Workers} --storages {string.Join(',', options.Storages)} --peers {(options.Peers.Count == 0 ? "none" : string.Join(',', options.Peers))} --seed {options.Seed}";
        return "ACTORTUNER_ARTIFACTS=/tmp/art-bench dotnet run -c Release --project tests/ActorTuner.Benchmarks -- " + args +
            (options.MarkdownPath is { } md ? $" --out-md {md}" : string.Empty);
    }

    /// <summary>Reads the options; a <see cref="FormatException"/> names the bad one.</summary>
    public static ThroughputOptions Options(int trials, int workers, string storages, string peers, long seed, string? markdown)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var peerList = peers.Trim() is "" or "none" ? [] : CommaList.Names(peers, "--peers");
        var options = new ThroughputOptions(trials, workers, CommaList.Names(storages, "--storages"), peerList, seed, markdown);
        options.Validate();
        return options;
    }

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var trials = new Option<int>("--trials") { Description = "Trials per run (the study's budget)", DefaultValueFactory = _ => 2000 };
        var workers = new Option<int>("--workers") { Description = "Worker slots (and Optuna threads for optuna-threads)", DefaultValueFactory = _ => 8 };
        var storages = new Option<string>("--storages") { Description = "Comma list of ActorTuner runs: sqlite, postgres, memory (one process), cluster (3 nodes over loopback, PostgreSQL)", DefaultValueFactory = _ => "sqlite,postgres,memory" };
        var peers = new Option<string>("--peers") { Description = "Comma list of peers: optuna (one thread), optuna-threads (n_jobs = workers); none for none", DefaultValueFactory = _ => "optuna,optuna-threads" };
        var seed = new Option<long>("--seed") { Description = "Seed of both random samplers", DefaultValueFactory = _ => 0 };
        var markdown = new Option<string?>("--out-md") { Description = "Write the table as a Markdown page (e.g. docs/throughput.md)" };
        var command = new Command("throughput", "Trials per second through the whole runtime (study actor, workers, journal) beside Optuna with SQLite")
        {
            trials, workers, storages, peers, seed, markdown,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var console = parse.InvocationConfiguration.Output;
            ThroughputOptions options;
            try
            {
                options = Options(parse.GetValue(trials), parse.GetValue(workers), parse.GetRequiredValue(storages), parse.GetRequiredValue(peers), parse.GetValue(seed), parse.GetValue(markdown));
            }
            catch (FormatException e)
            {
                await console.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return 2;
            }

            var results = await ThroughputBenchmark.RunAsync(options, console).ConfigureAwait(false);
            await console.WriteLineAsync().ConfigureAwait(false);
            await console.WriteAsync(ThroughputMarkdown.Table(results)).ConfigureAwait(false);
            if (options.MarkdownPath is { } path)
            {
                await File.WriteAllTextAsync(path, ThroughputMarkdown.Page(results, Reproduce(options), MachineDescription.Current()), cancellation).ConfigureAwait(false);
                await console.WriteLineAsync($"wrote {path}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }
}
