using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ActorTuner.Benchmarks.Report;

namespace ActorTuner.Benchmarks.Tests.Report;

public sealed class ReportCommandTests : IDisposable
{
    // Branin's minimum, written out here rather than taken from the code under test.
    private const double BraninOptimum = 0.397887357729738;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "actortuner-report-" + Guid.NewGuid().ToString("N"));

    public ReportCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Function_table_has_the_normalised_regret_of_every_checkpoint()
    {
        var (markdown, _, exit) = RunOnFixtures();

        exit.ShouldBe(0);
        var first = Enumerable.Range(0, 3).Select(s => BraninGp(s, 0)).Concat(Enumerable.Range(0, 3).Select(s => BraninRandom(s, 0))).Average();
        foreach (var (sampler, trace) in new (string, Func<int, int, double>)[] { ("gp", BraninGp), ("random", BraninRandom) })
        {
            var cells = new[] { 25, 50, 100 }.Select(k =>
            {
                var regrets = Enumerable.Range(0, 3).Select(s => Math.Abs(trace(s, k - 1) - BraninOptimum) / Math.Abs(first - BraninOptimum)).ToArray();
                return $"{F4(regrets.Average())} ± {F4(SampleStd(regrets))}";
            });
            markdown.ShouldContain($"| {sampler} | 3 | {string.Join(" | ", cells)} |");
        }

        markdown.ShouldContain($"f_ref = {F4(first)} (mean first-trial value over the task's 6 runs)");
    }

    [Fact]
    public void Function_target_is_the_random_runs_mean_best_at_100_and_misses_show_as_a_lower_bound()
    {
        var (markdown, _, _) = RunOnFixtures();

        var target = Enumerable.Range(0, 3).Select(s => BraninRandom(s, 99)).Average();
        int Needed(Func<int, int, double> trace, int seed) =>
            Enumerable.Range(0, 100).Where(i => trace(seed, i) <= target).Select(i => i + 1).DefaultIfEmpty(-1).First();
        var gp = Enumerable.Range(0, 3).Select(s => Needed(BraninGp, s)).ToArray();
        var random = Enumerable.Range(0, 3).Select(s => Needed(BraninRandom, s)).ToArray();
        gp.ShouldAllBe(n => n > 0);
        random.Count(n => n < 0).ShouldBe(1, "the fixture has one random run that misses the target");

        markdown.ShouldContain($"| {gp.Average().ToString("0.0", CultureInfo.InvariantCulture)} | 1.00 |");
        var randomLowerBound = random.Select(n => n < 0 ? 100 : n).Average();
        markdown.ShouldContain($"| > {randomLowerBound.ToString("0.0", CultureInfo.InvariantCulture)} (2/3 reached) | 2.00 |");
    }

    [Fact]
    public void Tabular_task_is_normalised_by_its_manifest()
    {
        var (markdown, _, _) = RunOnFixtures();

        // Manifest: maximise, optimum 0.9, median 0.5, random@100 0.85; budget 50 so only @25 and @50.
        markdown.ShouldContain("### tiny-tab (noise seed, parallelism 4)");
        markdown.ShouldContain("| sampler | runs | regret @25 | regret @50 | trials to match random@100 | s/run |");
        var gp25 = new[] { Math.Abs(TabGp(0, 24) - 0.9) / 0.4, Math.Abs(TabGp(1, 24) - 0.9) / 0.4 };
        var gp50 = new[] { Math.Abs(TabGp(0, 49) - 0.9) / 0.4, Math.Abs(TabGp(1, 49) - 0.9) / 0.4 };
        var gpNeeded = new[] { 0, 1 }.Select(s => Enumerable.Range(0, 50).First(i => TabGp(s, i) >= 0.85) + 1).Average();
        markdown.ShouldContain(
            $"| gp | 2 | {F4(gp25.Average())} ± {F4(SampleStd(gp25))} | {F4(gp50.Average())} ± {F4(SampleStd(gp50))} | {gpNeeded.ToString("0.0", CultureInfo.InvariantCulture)} |");
        markdown.ShouldContain("| optuna-tpe | 2 | 0.2500 ± 0 | 0.2500 ± 0 | > 50 |");
        markdown.ShouldContain("f\\* = 0.9000 (optimum_of_seed_mean of tiny-tab.json)");
        markdown.ShouldContain("f_ref = 0.5000 (median_of_seed_mean of tiny-tab.json)");
        markdown.ShouldContain("random@100 target = 0.8500");
    }

    [Fact]
    public void Each_setting_names_its_winner()
    {
        var (markdown, _, _) = RunOnFixtures();

        markdown.ShouldContain("**Winner on branin (noise mean, parallelism 1): gp**");
        markdown.ShouldContain("**Winner on tiny-tab (noise seed, parallelism 4): gp**");
        Regex.Count(markdown, @"\*\*Winner on branin").ShouldBe(2, "once in the summary, once under the table");
    }

    [Fact]
    public void Header_has_the_command_machine_and_date()
    {
        var (markdown, _, _) = RunOnFixtures();

        markdown.ShouldStartWith("# ActorTuner benchmark report");
        markdown.ShouldContain("```sh\ndotnet run --project tests/ActorTuner.Benchmarks -- report --efficiency e.jsonl\n```");
        markdown.ShouldContain("- Machine: Test CPU, 3 logical cores");
        markdown.ShouldContain("- Date: 2025-03-04 05:06 UTC");
        markdown.ShouldContain("Normalised regret** = |v − f\\*| / |f_ref − f\\*|");
    }

    [Fact]
    public void Overhead_table_puts_gp_beside_the_peer()
    {
        var (markdown, _, _) = RunOnFixtures();

        markdown.ShouldContain("| dims | n | pending | gp median ms | gp p90 ms | optuna-tpe median ms | optuna-tpe p90 ms |");
        markdown.ShouldContain("| 2 | 100 | 0 | 1.5 | 2.5 | 14.3 | 20.0 |");
        markdown.ShouldContain("| 20 | 1000 | 8 | 40.0 | 55.1 | – | – |");
        markdown.IndexOf("| 2 | 100 | 0 |", StringComparison.Ordinal).ShouldBeLessThan(markdown.IndexOf("| 20 | 1000 | 8 |", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_has_a_linked_png()
    {
        var (markdown, markdownPath, _) = RunOnFixtures();

        var links = Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)]+)\)").Select(m => m.Groups[1].Value).ToList();
        links.Count.ShouldBe(2);
        foreach (var link in links)
        {
            link.ShouldNotStartWith("/");
            var png = Path.Combine(Path.GetDirectoryName(markdownPath)!, link);
            File.Exists(png).ShouldBeTrue(png);
            var bytes = File.ReadAllBytes(png);
            bytes.Length.ShouldBeGreaterThan(1000);
            bytes.Take(8).ShouldBe(PngSignature);
            // IHDR: width and height, big-endian, right after the signature and chunk header.
            ReadBigEndian(bytes, 16).ShouldBe(900);
            ReadBigEndian(bytes, 20).ShouldBe(540);
        }
    }

    [Fact]
    public void Malformed_line_fails_with_the_file_and_line()
    {
        var bad = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(bad, [Line("branin", "gp", 0, 1, "mean", [1.0, 0.5], 1), "{\"task\": \"branin\""]);
        var errors = new StringWriter();

        var exit = ReportCommand.Run(Request([bad], [], []), errors, new FixedTime());

        exit.ShouldBe(1);
        errors.ToString().ShouldContain("bad.jsonl, line 2");
    }

    [Fact]
    public void Missing_file_fails_and_empty_inputs_are_a_usage_error()
    {
        var errors = new StringWriter();

        ReportCommand.Run(Request([Path.Combine(_dir, "nope.jsonl")], [], []), errors, new FixedTime()).ShouldBe(1);
        errors.ToString().ShouldContain("nope.jsonl");
        ReportCommand.Run(Request([], [], []), errors, new FixedTime()).ShouldBe(2);
    }

    [Fact]
    public void Task_without_manifest_or_known_optimum_uses_the_best_value_found()
    {
        var file = Path.Combine(_dir, "e.jsonl");
        File.WriteAllLines(file,
        [
            Line("mystery", "gp", 0, 1, "mean", [0.1, 0.7, 0.8], 1),
            Line("mystery", "gp", 1, 1, "mean", [0.3, 0.3, 0.6], 1),
        ]);

        var exit = ReportCommand.Run(Request([file], [], []), new StringWriter(), new FixedTime());

        exit.ShouldBe(0);
        var markdown = File.ReadAllText(Path.Combine(_dir, "out", "report.md"));
        markdown.ShouldContain("Direction maximize; f\\* = 0.8000 (best value found by any run");
        // f_ref = mean first = 0.2; regret after 3 trials: |0.8-0.8|/0.6 = 0 and |0.6-0.8|/0.6 = 1/3.
        var regrets = new[] { 0.0, 0.2 / 0.6 };
        markdown.ShouldContain($"| gp | 2 | {F4(regrets.Average())} ± {F4(SampleStd(regrets))} |");
    }

    [Fact]
    public void A_run_read_twice_counts_once()
    {
        var file = Path.Combine(_dir, "e.jsonl");
        File.WriteAllLines(file, [Line("branin", "gp", 0, 1, "mean", [5.0, 2.0], 1), Line("branin", "gp", 1, 1, "mean", [5.0, 3.0], 1)]);
        var errors = new StringWriter();

        ReportCommand.Run(Request([file, file], [], []), errors, new FixedTime()).ShouldBe(0);

        errors.ToString().ShouldContain("a second run of gp on branin");
        File.ReadAllText(Path.Combine(_dir, "out", "report.md")).ShouldContain("| gp | 2 |");
    }

    [Fact]
    public void Subcommand_prints_its_own_command_line_and_puts_images_beside_the_report()
    {
        var efficiency = Path.Combine(_dir, "e.jsonl");
        File.WriteAllLines(efficiency, [Line("branin", "gp", 0, 1, "mean", [5.0, 2.0], 1)]);
        var output = Path.Combine(_dir, "my report", "r.md");
        var root = new System.CommandLine.RootCommand { ReportCommand.Create() };

        var exit = root.Parse(["report", "--efficiency", efficiency, "--out", output]).Invoke();

        exit.ShouldBe(0);
        var markdown = File.ReadAllText(output);
        markdown.ShouldContain($"{ReportCommand.ExecutablePrefix} report --efficiency {efficiency} --out '{output}'\n");
        markdown.ShouldContain("](img/regret-branin-mean-p1.png)");
        File.Exists(Path.Combine(_dir, "my report", "img", "regret-branin-mean-p1.png")).ShouldBeTrue();
    }

    [Theory]
    [InlineData("results/e.jsonl", "results/e.jsonl")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", "'it'\\''s'")]
    public void Quote_leaves_plain_words_alone(string word, string expected) => ReportCommand.Quote(word).ShouldBe(expected);

    private static double BraninGp(int seed, int i) => BraninOptimum + (10 * (1 + (0.3 * seed)) / (i + 1));

    private static double BraninRandom(int seed, int i) => BraninOptimum + (20 * (1 + (0.1 * seed)) / (i + 1));

    private static double TabGp(int seed, int i) => 0.9 - (0.3 * Math.Exp(-(i + 1) / (10.0 + (5 * seed))));

    private (string Markdown, string Path, int Exit) RunOnFixtures()
    {
        var efficiency = Path.Combine(_dir, "efficiency.jsonl");
        var peer = Path.Combine(_dir, "peer.jsonl");
        var lines = new List<string>();
        for (var s = 0; s < 3; s++)
        {
            lines.Add(Line("branin", "gp", s, 1, "mean", Trace(100, i => BraninGp(s, i)), 1.0));
            lines.Add(Line("branin", "random", s, 1, "mean", Trace(100, i => BraninRandom(s, i)), 2.0));
        }

        for (var s = 0; s < 2; s++)
        {
            lines.Add(Line("tiny-tab", "gp", s, 4, "seed", Trace(50, i => TabGp(s, i)), 0.5));
        }

        File.WriteAllLines(efficiency, lines);
        File.WriteAllLines(peer, [.. Enumerable.Range(0, 2).Select(s => Line("tiny-tab", "optuna-tpe", s, 4, "seed", Trace(50, _ => 0.8), 0.25))]);

        var manifest = Path.Combine(_dir, "tiny-tab.json");
        File.WriteAllText(manifest, """
            {"name": "tiny-tab", "direction": "maximize", "metric": "accuracy",
             "params": [{"name": "a", "type": "ordinal", "values": [1, 2]}], "configurations": 2, "seeds": 3,
             "optimum_of_seed_mean": 0.9, "median_of_seed_mean": 0.5,
             "random_search_expected_best_of_seed_mean": {"10": 0.8, "100": 0.85}}
            """);

        var overhead = Path.Combine(_dir, "overhead.jsonl");
        File.WriteAllLines(overhead,
        [
            """{"dims": 20, "n": 1000, "pending": 8, "median_ms": 40.0, "p90_ms": 55.12, "sampler": "gp"}""",
            """{"dims": 2, "n": 100, "pending": 0, "median_ms": 1.5, "p90_ms": 2.5, "sampler": "gp"}""",
            """{"dims": 2, "n": 100, "pending": 0, "median_ms": 14.31, "p90_ms": 20.0, "sampler": "optuna-tpe"}""",
        ]);

        var errors = new StringWriter();
        var exit = ReportCommand.Run(Request([efficiency, peer], [overhead], [manifest]), errors, new FixedTime());
        errors.ToString().ShouldBeEmpty();
        var path = Path.Combine(_dir, "out", "report.md");
        return (File.ReadAllText(path), path, exit);
    }

    private ReportRequest Request(string[] efficiency, string[] overhead, string[] manifests) => new(
        [.. efficiency],
        [.. overhead],
        [.. manifests],
        Path.Combine(_dir, "out", "report.md"),
        Path.Combine(_dir, "out", "img"),
        "dotnet run --project tests/ActorTuner.Benchmarks -- report --efficiency e.jsonl",
        "Test CPU, 3 logical cores");

    private static double[] Trace(int budget, Func<int, double> value) => [.. Enumerable.Range(0, budget).Select(value)];

    private static string Line(string task, string sampler, int seed, int parallelism, string noise, double[] trace, double seconds) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["task"] = task,
            ["sampler"] = sampler,
            ["seed"] = seed,
            ["budget"] = trace.Length,
            ["parallelism"] = parallelism,
            ["noise"] = noise,
            ["best_trace"] = trace,
            ["seconds"] = seconds,
        });

    private static string F4(double x) => x.ToString("0.0000", CultureInfo.InvariantCulture);

    private static double SampleStd(IReadOnlyList<double> xs)
    {
        var mean = xs.Average();
        return Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
    }

    private static int ReadBigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);
    }
}
