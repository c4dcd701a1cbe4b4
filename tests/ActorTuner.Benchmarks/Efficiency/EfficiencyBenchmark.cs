using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using ActorTuner.Benchmarks.Cli;
using ActorTuner.Benchmarks.Peers;
using ActorTuner.Benchmarks.Results;
using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Benchmarks.Tasks.Tabular;
using ActorTuner.Surrogates;

namespace ActorTuner.Benchmarks.Efficiency;

/// <summary>
/// The <c>efficiency</c> command's work: loads the tasks, runs every (task, sampler, seed) with up to
/// <see cref="EfficiencyOptions.Jobs"/> runs at once (a Python peer runs as one process per (task, sampler)),
/// appends each record to the output file as soon as it is done, prints a progress line per run and the
/// summary table at the end.
/// </summary>
public static class EfficiencyBenchmark
{
    /// <summary>Runs the benchmark; returns 0, or 1 if some run failed, or 2 for unusable options.</summary>
    public static int Run(EfficiencyOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        output = TextWriter.Synchronized(output);
        if (Validate(options) is { } problem)
        {
            output.WriteLine($"error: {problem}");
            return 2;
        }

        var peers = options.Samplers.Where(EfficiencyOptions.IsPeer).ToImmutableArray();
        var natives = options.Samplers.Where(s => !EfficiencyOptions.IsPeer(s)).ToImmutableArray();
        string? script = null;
        if (!peers.IsEmpty && (script = PythonPeer.FindScript()) is null)
        {
            output.WriteLine($"error: the samplers {string.Join(", ", peers)} need the peer script {PythonPeer.ScriptInRepository}, which was found neither beside the executable nor above the working directory");
            return 2;
        }

        var tasks = new List<IBenchmarkTask>();
        foreach (var name in options.Tasks)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var task = TaskResolver.Resolve(name);
                tasks.Add(task);
                var detail = task is TabularTask t
                    ? $"{t.Configurations} configurations x {t.SeedCount} seeds, {t.Direction.ToString().ToLowerInvariant()}"
                    : $"{task.Space.Dimensions} dimensions, minimize";
                output.WriteLine($"task {task.Name}: {detail}, loaded in {clock.Elapsed.TotalSeconds:F2} s");
            }
            catch (Exception e) when (e is TabularFormatException or ArgumentException)
            {
                output.WriteLine($"error: {e.Message}");
                return 2;
            }
        }

        var work = new List<Action>();
        var records = new ConcurrentQueue<EfficiencyRecord>();
        var failures = 0;
        var done = 0;
        var total = (tasks.Count * natives.Length * options.Seeds.Length) + (tasks.Count * peers.Length * options.Seeds.Length);
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Out));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var file = new StreamWriter(options.Out, append: false);
        void Emit(EfficiencyRecord record)
        {
            lock (file)
            {
                file.WriteLine(JsonLines.Serialize(record));
                file.Flush();
                records.Enqueue(record);
                var n = Interlocked.Increment(ref done);
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"[{n}/{total}] {record.Task}  {record.Sampler}  seed={record.Seed}  best={EfficiencySummary.Number(record.BestTrace.IsDefaultOrEmpty ? double.NaN : record.BestTrace[^1])}  {record.Seconds:F2} s"));
            }
        }

        // Peers first: one long process each, so they overlap with the many short native runs.
        for (var ti = 0; ti < tasks.Count; ti++)
        {
            var task = tasks[ti];
            var taskArgument = TaskResolver.IsTabular(options.Tasks[ti]) ? Path.GetFullPath(options.Tasks[ti]) : options.Tasks[ti];
            foreach (var peer in peers)
            {
                work.Add(() =>
                {
                    if (!RunPeer(script!, peer, task, taskArgument, options, output, Emit))
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
            }
        }

        foreach (var task in tasks)
        {
            foreach (var sampler in natives)
            {
                foreach (var seed in options.Seeds)
                {
                    work.Add(() =>
                    {
                        try
                        {
                            Emit(EfficiencyRun.Execute(task, sampler, seed, options.Budget, options.Parallelism, options.Noise));
                        }
                        catch (Exception e) when (e is not OutOfMemoryException)
                        {
                            Interlocked.Increment(ref failures);
                            output.WriteLine($"error: {task.Name} {sampler} seed={seed} failed: {e.GetType().Name}: {e.Message}");
                        }
                    });
                }
            }
        }

        var partitions = System.Collections.Concurrent.Partitioner.Create(work, EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(partitions, new ParallelOptions { MaxDegreeOfParallelism = options.Jobs }, item => item());

        var all = records.ToList();
        var order = options.Samplers.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var taskOrder = tasks.Select((t, i) => (t.Name, i)).DistinctBy(p => p.Name).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        all.Sort((a, b) =>
        {
            var byTask = taskOrder.GetValueOrDefault(a.Task).CompareTo(taskOrder.GetValueOrDefault(b.Task));
            var bySampler = order.GetValueOrDefault(a.Sampler).CompareTo(order.GetValueOrDefault(b.Sampler));
            return byTask != 0 ? byTask : bySampler != 0 ? bySampler : a.Seed.CompareTo(b.Seed);
        });
        output.WriteLine();
        output.WriteLine($"efficiency: budget {options.Budget}, parallelism {options.Parallelism}, noise {options.NoiseName}, {all.Count} runs written to {options.Out}");
        output.Write(EfficiencySummary.Format(all));
        if (failures > 0)
        {
            output.WriteLine($"{failures} run(s) failed; see the errors above");
            return 1;
        }

        return 0;
    }

    private static string? Validate(EfficiencyOptions o)
    {
        if (o.Tasks.IsDefaultOrEmpty)
        {
            return "give at least one --task";
        }

        if (o.Samplers.IsDefaultOrEmpty)
        {
            return "--samplers is empty";
        }

        if (o.Seeds.IsDefaultOrEmpty)
        {
            return "--seeds is empty";
        }

        if (o.Budget < 1 || o.Parallelism < 1 || o.Jobs < 1)
        {
            return $"--budget ({o.Budget}), --parallelism ({o.Parallelism}) and --jobs ({o.Jobs}) must be >= 1";
        }

        foreach (var sampler in o.Samplers)
        {
            if (EfficiencyOptions.IsPeer(sampler))
            {
                if (sampler.Length == EfficiencyOptions.PeerPrefix.Length)
                {
                    return $"--samplers: '{sampler}' names no Optuna sampler; use e.g. optuna-tpe";
                }

                continue;
            }

            try
            {
                SamplerFactory.Create(sampler, 0);
            }
            catch (ArgumentException e)
            {
                return $"--samplers: {e.Message} (or a Python peer optuna-tpe, optuna-tpe-mv, optuna-cmaes, optuna-random)";
            }
        }

        return null;
    }

    private static bool RunPeer(
        string script,
        string peer,
        IBenchmarkTask task,
        string taskArgument,
        EfficiencyOptions options,
        TextWriter output,
        Action<EfficiencyRecord> emit)
    {
        var temp = PythonPeer.TempOutput("efficiency");
        try
        {
            string[] arguments =
            [
                "efficiency",
                "--task", taskArgument,
                "--sampler", peer[EfficiencyOptions.PeerPrefix.Length..],
                "--seeds", SeedSpec.Format(options.Seeds),
                "--budget", options.Budget.ToString(CultureInfo.InvariantCulture),
                "--parallelism", options.Parallelism.ToString(CultureInfo.InvariantCulture),
                "--noise", options.NoiseName,
                "--out", temp,
            ];
            var exit = PythonPeer.RunAsync(script, arguments, output, $"[{peer} {task.Name}]").GetAwaiter().GetResult();
            if (exit != 0)
            {
                output.WriteLine($"error: {peer} on {task.Name}: {PythonPeer.Python} {script} exited with code {exit}");
                return false;
            }

            if (!File.Exists(temp))
            {
                output.WriteLine($"error: {peer} on {task.Name}: the peer wrote no output file {temp}");
                return false;
            }

            var lines = JsonLines.ReadAll<EfficiencyRecord>(temp);
            if (lines.Count == 0 && peer == "optuna-cmaes")
            {
                // The peer said why on its standard error (CMA-ES has no categorical parameters).
                output.WriteLine($"skipped: {peer} does not apply to {task.Name}");
                return true;
            }

            foreach (var record in lines)
            {
                // The peer's lines keep their numbers; names are made the same as the native runs'.
                emit(record with { Task = task.Name, Sampler = peer });
            }

            if (lines.Count != options.Seeds.Length)
            {
                output.WriteLine($"error: {peer} on {task.Name}: expected {options.Seeds.Length} lines (one per seed), the peer wrote {lines.Count}");
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            output.WriteLine($"error: {peer} on {task.Name}: {e.Message}");
            return false;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
