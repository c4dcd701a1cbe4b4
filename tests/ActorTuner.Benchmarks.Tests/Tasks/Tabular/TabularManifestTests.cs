using ActorTuner.Benchmarks.Tasks.Tabular;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tests.Tasks.Tabular;

public class TabularManifestTests
{
    private const string Good = """
        {
          "name": "tiny",
          "direction": "maximize",
          "metric": "accuracy",
          "params": [
            {"name": "lr", "type": "ordinal", "values": [0.001, 1e-2, 1]},
            {"name": "act", "type": "categorical", "values": ["relu", "tanh"]},
            {"name": "flag", "type": "categorical", "values": [true, false]},
            {"name": "dropout", "type": "ordinal", "values": [0.0, 0.5]}
          ],
          "configurations": 24,
          "seeds": 2,
          "optimum_of_seed_mean": 0.9,
          "random_search_expected_best_of_seed_mean": {"10": 0.8, "2": 0.5}
        }
        """;

    [Fact]
    public void Parses_types_values_and_stated_numbers()
    {
        var m = TabularManifest.Parse("/data/tiny.json", Good);

        m.Name.ShouldBe("tiny");
        m.Direction.ShouldBe(Direction.Maximize);
        m.Metric.ShouldBe("accuracy");
        m.Parameters.Length.ShouldBe(4);
        var lr = m.Parameters[0].ShouldBeOfType<OrdinalParameter>();
        lr.Values.ShouldBe([ParameterValue.Real(0.001), ParameterValue.Real(0.01), ParameterValue.Integer(1)]);
        var act = m.Parameters[1].ShouldBeOfType<CategoricalParameter>();
        act.Choices.ShouldBe([ParameterValue.Text("relu"), ParameterValue.Text("tanh")]);
        m.Parameters[2].ShouldBeOfType<CategoricalParameter>().Choices.ShouldBe([ParameterValue.Boolean(true), ParameterValue.Boolean(false)]);
        m.Parameters[3].ShouldBeOfType<OrdinalParameter>().Values[0].Kind.ShouldBe(ParameterValueKind.Real);
        m.Configurations.ShouldBe(24);
        m.GridSize.ShouldBe(24);
        m.Seeds.ShouldBe(2);
        m.OptimumOfSeedMean.ShouldBe(0.9);
        m.RandomSearchExpectedBest.Keys.ShouldBe([2, 10]);
        m.RandomSearchExpectedBest[10].ShouldBe(0.8);
    }

    [Fact]
    public void Table_path_lies_beside_the_manifest()
    {
        TabularManifest.TablePath(Path.Combine("data", "kc1.json")).ShouldBe(Path.Combine("data", "kc1.csv.gz"));
    }

    [Theory]
    [InlineData("""{"params": [{"name": "a", "type": "ordinal", "values": [1]}]}""", "key 'direction'", "missing")]
    [InlineData("""{"direction": "up", "params": [{"name": "a", "type": "ordinal", "values": [1]}]}""", "key 'direction'", "\"minimize\" or \"maximize\"")]
    [InlineData("""{"direction": "minimize"}""", "key 'params'", "missing")]
    [InlineData("""{"direction": "minimize", "params": []}""", "key 'params'", "non-empty list")]
    [InlineData("""{"direction": "minimize", "params": [{"type": "ordinal", "values": [1]}]}""", "key 'params[0].name'", "missing")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "float", "values": [1]}]}""", "key 'params[0].type'", "\"categorical\" or \"ordinal\"")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "ordinal"}]}""", "key 'params[0].values'", "missing")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "ordinal", "values": [1, {"x": 2}]}]}""", "key 'params[0].values[1]'", "a number, a string or a boolean")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "ordinal", "values": [1, 1.0]}]}""", "key 'params[0].values'", "twice")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "categorical", "values": ["x", "x"]}]}""", "key 'params[0].values'", "twice")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "ordinal", "values": [1]}, {"name": "a", "type": "ordinal", "values": [2]}]}""", "key 'params[1].name'", "defined twice")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "ordinal", "values": [1, 2]}], "configurations": 3}""", "key 'configurations'", "multiply to 2")]
    [InlineData("""{"direction": "minimize", "params": [{"name": "a", "type": "ordinal", "values": [1]}], "seeds": "five"}""", "key 'seeds'", "whole number")]
    public void Bad_manifest_names_file_key_and_expectation(string json, string location, string expected)
    {
        var e = Should.Throw<TabularFormatException>(() => TabularManifest.Parse("/data/bad.json", json));

        e.File.ShouldBe("/data/bad.json");
        e.Location.ShouldBe(location);
        e.Problem.ShouldContain(expected);
        e.Message.ShouldStartWith("/data/bad.json: " + location);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var e = Should.Throw<TabularFormatException>(() => TabularManifest.Parse("bad.json", "{\n  \"direction\": \"minimize\",\n  oops\n}"));

        e.Location.ShouldBe("line 3");
        e.Problem.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var e = Should.Throw<TabularFormatException>(() => TabularManifest.Load("/nonexistent/x.json"));

        e.File.ShouldBe("/nonexistent/x.json");
    }
}
