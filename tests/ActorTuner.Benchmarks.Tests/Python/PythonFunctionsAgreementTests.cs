using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorTuner.Benchmarks.Tasks;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Benchmarks.Tests.Python;

/// <summary>python/functions.py (used by the Optuna peers) and <see cref="SyntheticFunctions"/> are the same functions.</summary>
public sealed class PythonFunctionsAgreementTests
{
    public static TheoryData<string> Functions =>
        ["branin", "hartmann3", "hartmann6", "ackley5", "rosenbrock4", "levy3", "hartmann6-int", "hartmann6-cat", "branin-noise0.5"];

    [Theory]
    [MemberData(nameof(Functions))]
    public void Values_agree_on_random_legal_points(string name)
    {
        var task = SyntheticFunctions.Create(name);
        var rng = new Random(20250101 + name.Length);
        var points = Enumerable.Range(0, 50).Select(_ => RandomPoint(task.Space, rng)).ToList();

        var (exit, stdout, stderr) = PythonScript.Run("functions.py", ["eval", name], string.Concat(points.Select(p => ToJson(p) + "\n")));

        exit.ShouldBe(0, stderr);
        var python = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();
        python.Count.ShouldBe(points.Count);
        for (var i = 0; i < points.Count; i++)
        {
            var csharp = task.Evaluate(points[i]);
            Math.Abs(csharp - python[i]).ShouldBeLessThanOrEqualTo(1e-9 * Math.Abs(csharp) + 1e-300, $"{name} at {ToJson(points[i])}: C# {csharp:R}, Python {python[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Spaces_agree(string name)
    {
        var task = SyntheticFunctions.Create(name);

        var (exit, stdout, stderr) = PythonScript.Run("functions.py", ["space", name]);

        exit.ShouldBe(0, stderr);
        using var document = JsonDocument.Parse(stdout);
        var python = document.RootElement.EnumerateArray().ToList();
        python.Select(p => p.GetProperty("name").GetString()).ShouldBe(task.Space.Parameters.Select(p => p.Name));
        foreach (var (spec, p) in task.Space.Parameters.Zip(python))
        {
            var kind = p.GetProperty("kind").GetString();
            switch (spec)
            {
                case FloatParameter f:
                    kind.ShouldBe("float");
                    (p.GetProperty("low").GetDouble(), p.GetProperty("high").GetDouble()).ShouldBe((f.Low, f.High));
                    break;
                case IntParameter n:
                    kind.ShouldBe("int");
                    (p.GetProperty("low").GetInt64(), p.GetProperty("high").GetInt64()).ShouldBe((n.Low, n.High));
                    break;
                case CategoricalParameter c:
                    kind.ShouldBe("categorical");
                    p.GetProperty("choices").EnumerateArray().Select(v => v.GetString()).ShouldBe(c.Choices.Select(v => v.AsText()));
                    break;
                default:
                    throw new InvalidOperationException($"{name}: unexpected parameter type {spec.GetType().Name}");
            }
        }
    }

    [Fact]
    public void Unknown_name_is_an_error()
    {
        var (exit, _, stderr) = PythonScript.Run("functions.py", ["eval", "nosuchfunction"]);

        exit.ShouldBe(2);
        stderr.ShouldContain("unknown function 'nosuchfunction'");
    }

    private static Configuration RandomPoint(SearchSpace space, Random rng) => new(space.Parameters.Select(p => KeyValuePair.Create(p.Name, p switch
    {
        FloatParameter f => ParameterValue.Real(f.Low + (rng.NextDouble() * (f.High - f.Low))),
        IntParameter n => ParameterValue.Integer(rng.NextInt64(n.Low, n.High + 1)),
        CategoricalParameter c => c.Choices[rng.Next(c.Choices.Length)],
        _ => throw new InvalidOperationException($"unexpected parameter type {p.GetType().Name}"),
    })));

    private static string ToJson(Configuration c)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in c)
            {
                switch (value.Kind)
                {
                    case ParameterValueKind.Real:
                        writer.WriteNumber(name, value.AsDouble());
                        break;
                    case ParameterValueKind.Integer:
                        writer.WriteNumber(name, value.AsLong());
                        break;
                    default:
                        writer.WriteString(name, value.AsText());
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
