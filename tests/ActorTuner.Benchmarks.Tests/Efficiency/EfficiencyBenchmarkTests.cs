using System.CommandLine;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Tests.Efficiency;

/// <summary>The <c>efficiency</c> and <c>overhead</c> commands end to end, in process, on small inputs.</summary>
public sealed class EfficiencyBenchmarkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Console) Invoke(params string[] args)
    {
        var console = new StringWriter();
        var exit = Program.BuildRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = console, Error = console });
        return (exit, console.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Efficiency_on_a_synthetic_task_writes_one_monotone_trace_per_seed(int parallelism)
    {
        var output = Path.Combine(_dir.Path, "out", "results.jsonl");

        var (exit, console) = Invoke(
            "efficiency", "--task", "branin", "--task", "levy2", "--samplers", "random", "--seeds", "0-2",
            "--budget", "25", "--parallelism", parallelism.ToString(), "--jobs", "2", "--out", output);

        exit.ShouldBe(0, console);
        var records = JsonLines.ReadAll<EfficiencyRecord>(output);
        records.Count.ShouldBe(6);
        records.Select(r => (r.Task, r.Seed)).Order().ShouldBe([("branin", 0), ("branin", 1), ("branin", 2), ("levy2", 0), ("levy2", 1), ("levy2", 2)]);
        foreach (var r in records)
        {
            r.Sampler.ShouldBe("random");
            r.Budget.ShouldBe(25);
            r.Parallelism.ShouldBe(parallelism);
            r.Noise.ShouldBe("mean");
            r.BestTrace.Length.ShouldBe(25);
            for (var i = 1; i < r.BestTrace.Length; i++)
            {
                r.BestTrace[i].ShouldBeLessThanOrEqualTo(r.BestTrace[i - 1]);
            }

            r.BestTrace[^1].ShouldBeGreaterThanOrEqualTo(0.397887 - 1e-6);
        }

        console.ShouldContain("[6/6]");
        console.ShouldContain("best@25%");
        console.ShouldContain("best@100%");
    }

    [Fact]
    public void The_executable_offers_the_efficiency_overhead_and_report_commands()
    {
        Program.BuildRootCommand().Subcommands.Select(c => c.Name).ShouldBe(["efficiency", "overhead", "throughput", "report"], ignoreOrder: true);
    }

    [Fact]
    public void Cmaes_peer_is_skipped_where_it_does_not_apply_and_runs_where_it_does()
    {
        var output = Path.Combine(_dir.Path, "cmaes.jsonl");

        var (exit, console) = Invoke(
            "efficiency", "--task", "hartmann6-cat", "--task", "branin", "--samplers", "optuna-cmaes", "--seeds", "0",
            "--budget", "4", "--out", output);

        exit.ShouldBe(0, console);
        console.ShouldContain("skipped: optuna-cmaes does not apply to hartmann6-cat");
        var records = JsonLines.ReadAll<EfficiencyRecord>(output);
        records.Select(r => (r.Task, r.Sampler)).ShouldBe([("branin", "optuna-cmaes")]);
        records[0].BestTrace.Length.ShouldBe(4);
    }

    [Fact]
    public void Efficiency_on_a_tabular_task_finds_the_optimum_when_the_budget_covers_the_grid()
    {
        var manifest = _dir.WriteTabular(
            "grid",
            """{"direction": "maximize", "params": [{"name": "a", "type": "ordinal", "values": [1, 2, 3]}, {"name": "b", "type": "categorical", "values": ["x", "y"]}]}""",
            "a,b,seed_0,seed_1",
            "1,x,0.1,0.3",
            "1,y,0.5,0.5",
            "2,x,0.9,0.7",
            "2,y,0.2,0.2",
            "3,x,0.3,0.3",
            "3,y,0.4,0.6");
        var output = Path.Combine(_dir.Path, "grid.jsonl");

        var (exit, console) = Invoke("efficiency", "--task", manifest, "--samplers", "random", "--seeds", "0,5", "--budget", "6", "--noise", "seed", "--out", output);

        exit.ShouldBe(0, console);
        var records = JsonLines.ReadAll<EfficiencyRecord>(output);
        records.Select(r => r.Task).Distinct().ShouldBe(["grid"]);
        records.ShouldAllBe(r => r.Noise == "seed" && r.BestTrace.Length == 6);
        console.ShouldContain("6 configurations x 2 seeds, maximize");
    }

    [Theory]
    [InlineData("--task", "nonsense", "'nonsense' is not a synthetic function")]
    [InlineData("--task", "missing.json", "no such manifest file")]
    [InlineData("--samplers", "magic", "unknown sampler 'magic'")]
    [InlineData("--seeds", "2-1", "runs backwards")]
    [InlineData("--budget", "0", "must be >= 1")]
    public void Bad_options_exit_with_2_and_say_what_is_wrong(string option, string value, string expected)
    {
        var args = new Dictionary<string, string>
        {
            ["--task"] = "branin",
            ["--samplers"] = "random",
            ["--seeds"] = "0",
            ["--budget"] = "5",
        };
        args[option] = value;
        var argv = new List<string> { "efficiency", "--out", Path.Combine(_dir.Path, "x.jsonl") };
        foreach (var (k, v) in args)
        {
            argv.AddRange([k, v]);
        }

        var (exit, console) = Invoke([.. argv]);

        exit.ShouldBe(2);
        console.ShouldContain(expected);
    }

    [Fact]
    public void Overhead_writes_one_line_per_cell()
    {
        var output = Path.Combine(_dir.Path, "overhead.jsonl");

        var (exit, console) = Invoke("overhead", "--sampler", "random", "--dims", "2,3", "--n", "10", "--pending", "0,2", "--repeats", "3", "--out", output);

        exit.ShouldBe(0, console);
        var records = JsonLines.ReadAll<OverheadRecord>(output);
        records.Select(r => (r.Dims, r.N, r.Pending)).ShouldBe([(2, 10, 0), (2, 10, 2), (3, 10, 0), (3, 10, 2)]);
        records.ShouldAllBe(r => r.Sampler == "random" && r.MedianMs >= 0 && r.P90Ms >= r.MedianMs);
        console.ShouldContain("random median ms");
    }
}
