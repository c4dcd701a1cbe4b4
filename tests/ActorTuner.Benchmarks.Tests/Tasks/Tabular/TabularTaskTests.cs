using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Benchmarks.Tasks.Tabular;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Tasks.Tabular;

public sealed class TabularTaskTests : IDisposable
{
    // 3 x 2 grid: lr (ordinal, numbers) x act (categorical, strings), 2 seeds, minimised.
    private const string Manifest = """
        {"direction": "minimize", "params": [
          {"name": "lr", "type": "ordinal", "values": [1e-05, 0.1, 1]},
          {"name": "act", "type": "categorical", "values": ["relu", "tanh"]}],
         "configurations": 6, "seeds": 2, "optimum_of_seed_mean": 0.5}
        """;

    private static readonly string[] Table =
    [
        "lr,act,seed_0,seed_1",
        "0.00001,relu,1.0,2.0", // 1e-05 spelled differently: matched by value
        "1e-05,tanh,3,5",
        "0.1,relu,0.25,0.75",
        "0.1,tanh,7,9",
        "1.0,relu,10,20", // 1.0 matches the integer 1
        "1,tanh,30,50",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Configuration Config(ParameterValue lr, string act) => new([new("lr", lr), new("act", act)]);

    [Fact]
    public void Loads_the_grid_with_seed_means_and_seed_columns()
    {
        var task = TabularTask.Load(_dir.WriteTabular("tiny", Manifest, Table));

        task.Name.ShouldBe("tiny");
        task.Direction.ShouldBe(Direction.Minimize);
        task.Configurations.ShouldBe(6);
        task.SeedCount.ShouldBe(2);
        task.Space.Size.ShouldBe(6);
        task.Optimum.ShouldBe(0.5);
        task.TableOptimum.ShouldBe(0.5);
        task.Evaluate(Config(1e-05, "relu")).ShouldBe(1.5);
        task.Evaluate(Config(1e-05, "tanh")).ShouldBe(4);
        task.Evaluate(Config(0.1, "relu")).ShouldBe(0.5);
        task.Evaluate(Config(1L, "tanh")).ShouldBe(40);
        var i = task.IndexOf(Config(0.1, "tanh"));
        i.ShouldBe(3); // mixed radix: lr index 1 * 2 + act index 1
        task.SeedValueAt(i, 0).ShouldBe(7);
        task.SeedValueAt(i, 1).ShouldBe(9);
    }

    [Fact]
    public void Every_configuration_of_the_space_has_a_value()
    {
        var task = TabularTask.Load(_dir.WriteTabular("tiny", Manifest, Table));

        foreach (var c in ActorTuner.Core.Sampling.SpaceEnumerator.Enumerate(task.Space))
        {
            double.IsFinite(task.Evaluate(c)).ShouldBeTrue();
        }
    }

    [Fact]
    public void Noise_mean_observes_the_mean_and_noise_seed_one_seed_column()
    {
        var task = TabularTask.Load(_dir.WriteTabular("tiny", Manifest, Table));
        var c = Config(1L, "tanh");

        task.Observe(c, NoiseMode.Mean, seed: 3, trial: 0).ShouldBe(40);
        var draws = Enumerable.Range(0, 200).Select(t => task.Observe(c, NoiseMode.Seed, seed: 3, trial: t)).ToList();
        draws.Distinct().Order().ShouldBe([30.0, 50.0]);
        task.Observe(c, NoiseMode.Seed, 3, 17).ShouldBe(draws[17]); // a function of (seed, trial)
    }

    [Fact]
    public void Columns_are_matched_by_header_name_and_quoted_cells_are_read()
    {
        var task = TabularTask.Load(_dir.WriteTabular(
            "reordered",
            Manifest,
            "act,seed_0,lr,seed_1",
            "\"relu\",1,1e-05,2",
            "tanh,3,1e-05,5",
            "relu,0.25,0.1,0.75",
            "tanh,7,0.1,9",
            "relu,10,1,20",
            "tanh,30,1,50"));

        task.Evaluate(Config(0.1, "relu")).ShouldBe(0.5);
    }

    [Fact]
    public void Rows_missing_trailing_seeds_average_the_seeds_they_have()
    {
        var task = TabularTask.Load(_dir.WriteTabular(
            "ragged",
            Manifest,
            "lr,act,seed_0,seed_1",
            "1e-05,relu,1",
            "1e-05,tanh,3,", // empty cell: missing too
            "0.1,relu,0.25,0.75",
            "0.1,tanh,7,9",
            "1,relu,10,20",
            "1,tanh,30,50"));
        var c = Config(1e-05, "relu");

        task.Evaluate(c).ShouldBe(1);
        task.Evaluate(Config(1e-05, "tanh")).ShouldBe(3);
        task.SeedsAt(task.IndexOf(c)).ShouldBe(1);
        Enumerable.Range(0, 50).Select(t => task.Observe(c, NoiseMode.Seed, 0, t)).Distinct().ShouldBe([1.0]);
    }

    [Fact]
    public void Booleans_match_in_any_case()
    {
        var manifest = """{"direction": "maximize", "params": [{"name": "on", "type": "categorical", "values": [true, false]}]}""";
        var task = TabularTask.Load(_dir.WriteTabular("bools", manifest, "on,seed_0", "True,1", "false,2"));

        task.Evaluate(new Configuration([new("on", true)])).ShouldBe(1);
        task.Evaluate(new Configuration([new("on", false)])).ShouldBe(2);
    }

    [Fact]
    public void Unknown_value_names_file_line_column_and_the_allowed_values()
    {
        var lines = Table.ToArray();
        lines[3] = "0.2,relu,0.25,0.75";
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, lines)));

        e.File.ShouldEndWith("tiny.csv.gz");
        e.Location.ShouldBe("line 4");
        e.Problem.ShouldContain("column 'lr': '0.2' is not one of the manifest's values [1E-05, 0.1, 1]");
    }

    [Fact]
    public void Wrong_column_count_names_the_line_and_the_expected_count()
    {
        var lines = Table.ToArray();
        lines[2] = "1e-05,tanh,3,5,6";
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, lines)));

        e.Location.ShouldBe("line 3");
        e.Problem.ShouldContain("has 5 columns, expected 4");
    }

    [Fact]
    public void A_row_without_any_seed_is_a_wrong_column_count()
    {
        var lines = Table.ToArray();
        lines[2] = "1e-05,tanh";
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, lines)));

        e.Location.ShouldBe("line 3");
        e.Problem.ShouldContain("has 2 columns");
    }

    [Fact]
    public void Missing_configurations_are_counted_and_one_is_named()
    {
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, Table[..^2])));

        e.File.ShouldEndWith("tiny.csv.gz");
        e.Location.ShouldStartWith("line 5");
        e.Problem.ShouldContain("2 of the 6 configurations");
        e.Problem.ShouldContain("{lr=1, act=relu}");
    }

    [Fact]
    public void A_repeated_configuration_names_both_lines()
    {
        var lines = Table.ToArray();
        lines[6] = "1,relu,1,1";
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, lines)));

        e.Location.ShouldBe("line 7");
        e.Problem.ShouldContain("repeats the configuration of line 6");
    }

    [Fact]
    public void A_seed_that_is_not_a_number_names_the_column()
    {
        var lines = Table.ToArray();
        lines[1] = "0.00001,relu,1.0,abc";
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, lines)));

        e.Location.ShouldBe("line 2");
        e.Problem.ShouldContain("column 'seed_1': 'abc' is not a number");
    }

    [Theory]
    [InlineData("lr,act,seed_0", "seeds = 2")]
    [InlineData("lr,seed_0,seed_1", "no column for the parameter 'act'")]
    [InlineData("lr,act,seed_0,extra", "column 'extra' is neither")]
    [InlineData("lr,act,lr,seed_0,seed_1", "column 'lr' appears twice")]
    public void A_bad_header_names_line_1(string header, string expected)
    {
        var lines = Table.ToArray();
        lines[0] = header;
        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(_dir.WriteTabular("tiny", Manifest, lines)));

        e.Location.ShouldBe("line 1");
        e.Problem.ShouldContain(expected);
    }

    [Fact]
    public void A_missing_table_names_the_expected_file()
    {
        var path = Path.Combine(_dir.Path, "alone.json");
        File.WriteAllText(path, Manifest);

        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(path));

        e.File.ShouldBe(Path.Combine(_dir.Path, "alone.csv.gz"));
        e.Problem.ShouldContain("not found");
    }

    [Fact]
    public void A_table_that_is_not_gzip_is_reported()
    {
        var path = _dir.WriteTabular("plain", Manifest, Table);
        File.WriteAllLines(Path.Combine(_dir.Path, "plain.csv.gz"), Table);

        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(path));

        e.File.ShouldEndWith("plain.csv.gz");
        e.Problem.ShouldContain("gzip");
    }

    [Fact]
    public void A_bad_manifest_is_reported_before_the_table_is_read()
    {
        var path = _dir.WriteTabular("tiny", Manifest.Replace("\"minimize\"", "\"smaller\""), Table);

        var e = Should.Throw<TabularFormatException>(() => TabularTask.Load(path));

        e.File.ShouldBe(path);
        e.Location.ShouldBe("key 'direction'");
    }
}
