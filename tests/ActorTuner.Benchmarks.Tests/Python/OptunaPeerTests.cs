using System.Globalization;
using System.IO.Compression;
using System.Text;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Tests.Python;

/// <summary>python/optuna_peer.py writes the JSON lines the C# runner writes, on the same tasks.</summary>
public sealed class OptunaPeerTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actortuner-peer-" + Guid.NewGuid().ToString("N"));

    public OptunaPeerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Function_runs_are_efficiency_records_with_one_trace_point_per_trial()
    {
        var records = Efficiency(["--task", "branin", "--sampler", "tpe", "--seeds", "0-1", "--budget", "15", "--parallelism", "3"]);

        records.Select(r => r.Seed).ShouldBe([0, 1]);
        foreach (var r in records)
        {
            (r.Task, r.Sampler, r.Budget, r.Parallelism, r.Noise).ShouldBe(("branin", "optuna-tpe", 15, 3, "mean"));
            r.BestTrace.Length.ShouldBe(15);
            r.BestTrace.Zip(r.BestTrace.Skip(1)).ShouldAllBe(p => p.Item2 <= p.Item1, "without noise the incumbent only improves");
            r.BestTrace.ShouldAllBe(v => v >= 0.397887);
            r.Seconds.ShouldBeGreaterThan(0);
        }
    }

    [Fact]
    public void Same_seed_gives_the_same_trace()
    {
        string[] args = ["--task", "hartmann6-cat", "--sampler", "tpe-mv", "--seeds", "3", "--budget", "14", "--parallelism", "2"];

        Efficiency(args)[0].BestTrace.ShouldBe(Efficiency(args)[0].BestTrace);
    }

    [Fact]
    public void Noisy_function_is_scored_by_its_noise_free_value()
    {
        var r = Efficiency(["--task", "branin-noise5", "--sampler", "random", "--seeds", "0", "--budget", "30"])[0];

        r.Task.ShouldBe("branin-noise5");
        r.BestTrace.ShouldAllBe(v => v >= 0.397887, "noise can make an observation better than the optimum, never the score");
    }

    [Fact]
    public void Tabular_trace_holds_seed_means_of_the_table()
    {
        var manifest = WriteTinyTable();
        var means = new HashSet<double>(TinyRows().Select(r => r.Seeds.Average()));

        foreach (var noise in new[] { "mean", "seed" })
        {
            var records = Efficiency(["--task", manifest, "--sampler", "random", "--seeds", "0-2", "--budget", "12", "--noise", noise]);

            records.Count.ShouldBe(3);
            foreach (var r in records)
            {
                (r.Task, r.Sampler, r.Noise).ShouldBe(("tiny", "optuna-random", noise));
                r.BestTrace.ShouldAllBe(v => means.Contains(v), "every incumbent is scored by its configuration's seed mean");
                if (noise == "mean")
                {
                    r.BestTrace.Zip(r.BestTrace.Skip(1)).ShouldAllBe(p => p.Item2 >= p.Item1, "maximised, observed = scored");
                }
            }
        }
    }

    [Fact]
    public void Cmaes_is_skipped_on_categorical_parameters()
    {
        var manifest = WriteTinyTable();
        var output = Path.Combine(_dir, "cmaes.jsonl");

        var (exit, _, stderr) = PythonScript.Run(
            "optuna_peer.py", ["efficiency", "--task", manifest, "--sampler", "cmaes", "--seeds", "0", "--budget", "5", "--out", output]);

        exit.ShouldBe(0, stderr);
        stderr.ShouldContain("skipping cmaes on tiny");
        File.ReadAllText(output).ShouldBeEmpty();
    }

    [Fact]
    public void Overhead_cells_are_overhead_records()
    {
        var output = Path.Combine(_dir, "overhead.jsonl");

        var (exit, _, stderr) = PythonScript.Run(
            "optuna_peer.py", ["overhead", "--dims", "2,3", "--n", "20", "--pending", "0,2", "--repeats", "3", "--out", output]);

        exit.ShouldBe(0, stderr);
        var records = JsonLines.ReadAll<OverheadRecord>(output);
        records.Select(r => (r.Dims, r.N, r.Pending)).ShouldBe([(2, 20, 0), (2, 20, 2), (3, 20, 0), (3, 20, 2)]);
        records.ShouldAllBe(r => r.Sampler == "optuna-tpe" && r.MedianMs > 0 && r.P90Ms >= r.MedianMs);
    }

    private List<EfficiencyRecord> Efficiency(string[] arguments)
    {
        var output = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        var (exit, _, stderr) = PythonScript.Run("optuna_peer.py", ["efficiency", .. arguments, "--out", output]);
        exit.ShouldBe(0, stderr);
        return JsonLines.ReadAll<EfficiencyRecord>(output);
    }

    /// <summary>A 3 × 2 × 2 grid: lr ordinal (spelled 1e-05 in the CSV), width ordinal, act categorical; 2 seeds.</summary>
    private static IEnumerable<(string Lr, int Width, string Act, double[] Seeds)> TinyRows()
    {
        string[] lrs = ["1e-05", "0.001", "0.1"];
        int[] widths = [16, 64];
        string[] acts = ["relu", "tanh"];
        var k = 0;
        foreach (var lr in lrs)
        {
            foreach (var w in widths)
            {
                foreach (var a in acts)
                {
                    k++;
                    yield return (lr, w, a, [0.5 + (0.03 * k), 0.52 + (0.029 * k)]);
                }
            }
        }
    }

    private string WriteTinyTable()
    {
        var manifest = Path.Combine(_dir, "tiny.json");
        File.WriteAllText(manifest, """
            {"name": "tiny", "direction": "maximize", "metric": "accuracy",
             "params": [{"name": "lr", "type": "ordinal", "values": [1e-05, 0.001, 0.1]},
                        {"name": "width", "type": "ordinal", "values": [16, 64]},
                        {"name": "act", "type": "categorical", "values": ["relu", "tanh"]}],
             "configurations": 12, "seeds": 2, "optimum_of_seed_mean": 0.86, "median_of_seed_mean": 0.7}
            """);
        var csv = new StringBuilder("lr,width,act,seed_0,seed_1\n");
        foreach (var (lr, w, a, seeds) in TinyRows())
        {
            csv.Append(CultureInfo.InvariantCulture, $"{lr},{w},{a},{seeds[0]:R},{seeds[1]:R}\n");
        }

        using var file = File.Create(Path.Combine(_dir, "tiny.csv.gz"));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(Encoding.UTF8.GetBytes(csv.ToString()));
        return manifest;
    }
}
