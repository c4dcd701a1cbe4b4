using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ActorTuner.Actors.Storage;
using ActorTuner.Actors.Tuning;
using ActorTuner.Benchmarks.Peers;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using ActorTuner.Testing;

namespace ActorTuner.Benchmarks.Throughput;

/// <summary>
/// Runs the throughput measurements: a warm-up in memory, then each storage through <see cref="Tuner.RunAsync(StudySpec, Func{Actors.Objectives.Trial, CancellationToken, Task{double}}, RunOptions?, CancellationToken)"/>,
/// then each Optuna peer (<c>python/optuna_throughput.py</c>), one after another so they never share the cores.
/// </summary>
public static class ThroughputBenchmark
{
    /// <summary>The peer script's path relative to the repository root.</summary>
    public const string PeerScriptInRepository = "tests/ActorTuner.Benchmarks/python/optuna_throughput.py";

    /// <summary>Measures everything <paramref name="options"/> names; prints progress and the table; returns the rows.</summary>
    public static async Task<IReadOnlyList<ThroughputResult>> RunAsync(ThroughputOptions options, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        options.Validate();
        var folder = Path.Combine(Path.GetTempPath(), $"actortuner-throughput-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var results = new List<ThroughputResult>();
        try
        {
            await console.WriteLineAsync("warm-up: 200 trials in memory (not reported)").ConfigureAwait(false);
            _ = await MeasureAsync(StorageLocation.Parse("memory"), "memory", Math.Min(200, options.Trials), options.Workers, options.Seed).ConfigureAwait(false);
            foreach (var storage in options.Storages)
            {
                await console.WriteLineAsync($"actortuner {storage}: {options.Trials} trials, {options.Workers} workers").ConfigureAwait(false);
                var result = storage switch
                {
                    "sqlite" => await MeasureAsync(StorageLocation.Parse($"sqlite:{Path.Combine(folder, "actortuner.db")}"), storage, options.Trials, options.Workers, options.Seed).ConfigureAwait(false),
                    "postgres" => await MeasurePostgresAsync(options).ConfigureAwait(false),
                    "cluster" => await ClusterThroughput.MeasureAsync(options.Trials, options.Workers, options.Seed).ConfigureAwait(false),
                    _ => await MeasureAsync(StorageLocation.Parse("memory"), storage, options.Trials, options.Workers, options.Seed).ConfigureAwait(false),
                };
                results.Add(result);
                await console.WriteLineAsync($"  {result.TrialsPerSecond:F1} trials/s").ConfigureAwait(false);
            }

            foreach (var peer in options.Peers)
            {
                var jobs = peer == "optuna-threads" ? options.Workers : 1;
                await console.WriteLineAsync($"optuna sqlite: {options.Trials} trials, {jobs} thread(s)").ConfigureAwait(false);
                var result = await MeasureOptunaAsync(Path.Combine(folder, $"optuna-{jobs}.db"), options.Trials, jobs, options.Seed).ConfigureAwait(false);
                results.Add(result);
                await console.WriteLineAsync($"  {result.TrialsPerSecond:F1} trials/s").ConfigureAwait(false);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return results;
    }

    /// <summary>One study of <paramref name="trials"/> trials of x² with the random sampler on <paramref name="storage"/>.</summary>
    public static async Task<ThroughputResult> MeasureAsync(StorageLocation storage, string label, int trials, int workers, long seed)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var settings = new StudySettings($"throughput-{Guid.NewGuid():N}"[..24], Direction.Minimize, trials, workers, seed, MaxAttempts: 3, Lease: TimeSpan.FromMinutes(5));
        var spec = new StudySpec(settings, SearchSpace.Create(new FloatParameter("x", -1, 1)), "random");
        await using var tuner = Tuner.Open(storage);
        var clock = Stopwatch.StartNew();
        var result = await tuner.RunAsync(spec, (trial, _) => Task.FromResult(trial.Float("x") * trial.Float("x")), new RunOptions { Workers = workers }).ConfigureAwait(false);
        clock.Stop();
        if (result.State.Finished != trials)
        {
            throw new InvalidOperationException($"{label}: the study finished {result.State.Finished} of {trials} trials");
        }

        return new ThroughputResult("actortuner", label, workers, trials, clock.Elapsed.TotalSeconds);
    }

    private static async Task<ThroughputResult> MeasurePostgresAsync(ThroughputOptions options)
    {
        using var server = new PostgresServer();
        return await MeasureAsync(StorageLocation.Parse($"postgres:{server.ConnectionString}"), "postgres", options.Trials, options.Workers, options.Seed).ConfigureAwait(false);
    }

    private static async Task<ThroughputResult> MeasureOptunaAsync(string database, int trials, int jobs, long seed)
    {
        var script = FindPeerScript() ?? throw new InvalidOperationException($"the peer script {PeerScriptInRepository} was found neither beside the executable nor above the working directory");
        var start = new ProcessStartInfo(PythonPeer.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { script, "--trials", trials.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture), "--jobs", jobs.ToString(CultureInfo.InvariantCulture), "--db", database })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {PythonPeer.Python}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{PythonPeer.Python} {script} exited with {process.ExitCode} (is Debian's python3-optuna installed?): {await stderr.ConfigureAwait(false)}");
        }

        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        return new ThroughputResult("optuna", "sqlite", jobs, json.RootElement.GetProperty("trials").GetInt32(), json.RootElement.GetProperty("seconds").GetDouble());
    }

    private static string? FindPeerScript()
    {
        var besideExe = Path.Combine(AppContext.BaseDirectory, "python", "optuna_throughput.py");
        if (File.Exists(besideExe))
        {
            return besideExe;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, PeerScriptInRepository);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
