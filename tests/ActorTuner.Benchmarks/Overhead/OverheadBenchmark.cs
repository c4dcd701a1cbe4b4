using System.Globalization;
using ActorTuner.Benchmarks.Cli;
using ActorTuner.Benchmarks.Peers;
using ActorTuner.Benchmarks.Results;
using ActorTuner.Surrogates;

namespace ActorTuner.Benchmarks.Overhead;

/// <summary>
/// The <c>overhead</c> command's work: one <see cref="OverheadCell"/> per (dims, n, pending), one after the
/// other on one thread (timings must not compete for cores), each written to the output as it finishes; then
/// the Python peers, each as one process over the same grid; then a summary table.
/// </summary>
public static class OverheadBenchmark
{
    /// <summary>Runs the benchmark; returns 0, or 1 if a peer failed, or 2 for unusable options.</summary>
    public static int Run(OverheadOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        output = TextWriter.Synchronized(output);
        if (options.Repeats < 1 || options.Warmup < 0 || options.Dims.Any(d => d < 1))
        {
            output.WriteLine("error: --repeats must be >= 1, --warmup >= 0 and every --dims >= 1");
            return 2;
        }

        try
        {
            SamplerFactory.Create(options.Sampler, options.Seed);
        }
        catch (ArgumentException e)
        {
            output.WriteLine($"error: --sampler: {e.Message}");
            return 2;
        }

        string? script = null;
        if (!options.Peers.IsDefaultOrEmpty && (script = PythonPeer.FindScript()) is null)
        {
            output.WriteLine($"error: --peer needs the peer script {PythonPeer.ScriptInRepository}, which was found neither beside the executable nor above the working directory");
            return 2;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Out));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var records = new List<OverheadRecord>();
        using var file = new StreamWriter(options.Out, append: false);
        void Emit(OverheadRecord record)
        {
            file.WriteLine(JsonLines.Serialize(record));
            file.Flush();
            records.Add(record);
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{record.Sampler}  dims={record.Dims}  n={record.N}  pending={record.Pending}  median={record.MedianMs:F2} ms  p90={record.P90Ms:F2} ms"));
        }

        foreach (var dims in options.Dims)
        {
            foreach (var n in options.Ns)
            {
                foreach (var pending in options.Pendings)
                {
                    var times = OverheadCell.Measure(options.Sampler, dims, n, pending, options.Repeats, options.Warmup, options.Seed);
                    Emit(OverheadCell.Summarise(options.Sampler, dims, n, pending, times));
                }
            }
        }

        var failures = 0;
        foreach (var peer in options.Peers.IsDefault ? [] : options.Peers)
        {
            if (!RunPeer(script!, peer, options, output, Emit))
            {
                failures++;
            }
        }

        output.WriteLine();
        output.WriteLine($"overhead: one Suggest(context, 1) call, {options.Repeats} timed calls per cell after {options.Warmup} warm-up calls, written to {options.Out}");
        output.Write(Format(records));
        return failures == 0 ? 0 : 1;
    }

    /// <summary>The summary: one row per (dims, n, pending), median and p90 in ms for each sampler.</summary>
    public static string Format(IReadOnlyList<OverheadRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var samplers = records.Select(r => r.Sampler).Distinct(StringComparer.Ordinal).ToList();
        var header = new List<string> { "dims", "n", "pending" };
        foreach (var s in samplers)
        {
            header.Add($"{s} median ms");
            header.Add($"{s} p90 ms");
        }

        var table = new TextTable([.. header]);
        var cells = records.Select(r => (r.Dims, r.N, r.Pending)).Distinct().OrderBy(c => c.Dims).ThenBy(c => c.N).ThenBy(c => c.Pending);
        foreach (var (dims, n, pending) in cells)
        {
            var row = new List<string>
            {
                dims.ToString(CultureInfo.InvariantCulture),
                n.ToString(CultureInfo.InvariantCulture),
                pending.ToString(CultureInfo.InvariantCulture),
            };
            foreach (var s in samplers)
            {
                var r = records.LastOrDefault(x => x.Sampler == s && x.Dims == dims && x.N == n && x.Pending == pending);
                row.Add(r is null ? "-" : r.MedianMs.ToString("F2", CultureInfo.InvariantCulture));
                row.Add(r is null ? "-" : r.P90Ms.ToString("F2", CultureInfo.InvariantCulture));
            }

            table.Add([.. row]);
        }

        return table.ToString();
    }

    private static bool RunPeer(string script, string peer, OverheadOptions options, TextWriter output, Action<OverheadRecord> emit)
    {
        var temp = PythonPeer.TempOutput("overhead");
        try
        {
            var arguments = new List<string>
            {
                "overhead",
                "--dims", string.Join(",", options.Dims),
                "--n", string.Join(",", options.Ns),
                "--pending", string.Join(",", options.Pendings),
                "--repeats", options.Repeats.ToString(CultureInfo.InvariantCulture),
                "--out", temp,
            };
            if (peer != "optuna-tpe" && peer.StartsWith("optuna-", StringComparison.Ordinal))
            {
                arguments.AddRange(["--sampler", peer["optuna-".Length..]]);
            }

            var exit = PythonPeer.RunAsync(script, arguments, output, $"[{peer}]").GetAwaiter().GetResult();
            if (exit != 0 || !File.Exists(temp))
            {
                output.WriteLine($"error: {peer}: {PythonPeer.Python} {script} exited with code {exit}{(File.Exists(temp) ? string.Empty : " and wrote no output")}");
                return false;
            }

            foreach (var record in JsonLines.ReadAll<OverheadRecord>(temp))
            {
                emit(record with { Sampler = peer });
            }

            return true;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException)
        {
            output.WriteLine($"error: {peer}: {e.Message}");
            return false;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
