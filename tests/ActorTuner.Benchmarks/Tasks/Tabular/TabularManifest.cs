using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Tasks.Tabular;

/// <summary>
/// A tabular task's manifest (<c>NAME.json</c>, see shared/benchmarks/README.md): the direction, the
/// parameters with their values in order, and the summary numbers it states about its table.
/// </summary>
/// <param name="Path">The manifest file.</param>
/// <param name="Name">The task's name: the manifest file's name without <c>.json</c>.</param>
/// <param name="Direction">Whether the metric is minimised or maximised.</param>
/// <param name="Metric">The metric's name (empty when absent).</param>
/// <param name="Parameters">
/// The parameters in manifest order: <c>categorical</c> → <see cref="CategoricalParameter"/>,
/// <c>ordinal</c> → <see cref="OrdinalParameter"/>. JSON numbers written without '.' or an exponent become
/// <see cref="ParameterValue.Integer"/>, other numbers <see cref="ParameterValue.Real"/>, strings
/// <see cref="ParameterValue.Text"/>, booleans <see cref="ParameterValue.Boolean"/>.
/// </param>
/// <param name="Configurations">The stated number of configurations (null when absent).</param>
/// <param name="Seeds">The stated number of seed columns (null when absent).</param>
/// <param name="OptimumOfSeedMean">The stated best seed mean (null when absent).</param>
/// <param name="RandomSearchExpectedBest">The stated expected best seed mean of k random configurations, by k.</param>
public sealed record TabularManifest(
    string Path,
    string Name,
    Direction Direction,
    string Metric,
    ImmutableArray<ParameterSpec> Parameters,
    long? Configurations,
    int? Seeds,
    double? OptimumOfSeedMean,
    ImmutableSortedDictionary<int, double> RandomSearchExpectedBest)
{
    /// <summary>Reads and validates the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="TabularFormatException">Names the file, the key and what was expected.</exception>
    public static TabularManifest Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TabularFormatException(path, "file", $"cannot be read ({e.Message})", e);
        }

        return Parse(path, text);
    }

    /// <summary>Parses manifest <paramref name="text"/>; <paramref name="path"/> names it in errors and gives the task's name.</summary>
    /// <exception cref="TabularFormatException">Names the file, the key and what was expected.</exception>
    public static TabularManifest Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new TabularFormatException(path, $"line {(e.LineNumber ?? 0) + 1}", $"not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            return new Reader(path).Read(document.RootElement);
        }
    }

    /// <summary>The product of the parameters' value counts: the size of the full grid.</summary>
    public long GridSize => Parameters.Aggregate(1L, (acc, p) => checked(acc * p.Count!.Value));

    private readonly struct Reader(string path)
    {
        public TabularManifest Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error("root", $"expected a JSON object, got {Describe(root)}");
            }

            var direction = RequiredString(root, "direction") switch
            {
                "minimize" => Direction.Minimize,
                "maximize" => Direction.Maximize,
                var other => throw Error("direction", $"expected \"minimize\" or \"maximize\", got \"{other}\""),
            };

            var metric = root.TryGetProperty("metric", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
            var parameters = ReadParameters(root);
            var configurations = OptionalLong(root, "configurations");
            var seeds = OptionalLong(root, "seeds");
            if (seeds is < 1 or > 10_000)
            {
                throw Error("seeds", $"expected a positive number of seed columns, got {seeds}");
            }

            var optimum = OptionalDouble(root, "optimum_of_seed_mean");
            var expected = ReadExpectedBest(root);
            var manifest = new TabularManifest(
                path,
                TaskName(path),
                direction,
                metric,
                parameters,
                configurations,
                (int?)seeds,
                optimum,
                expected);

            long grid;
            try
            {
                grid = manifest.GridSize;
            }
            catch (OverflowException)
            {
                throw Error("params", "the grid of all value combinations is too large to tabulate");
            }

            if (configurations is { } c && c != grid)
            {
                throw Error("configurations", $"states {c} configurations, but the params' value counts multiply to {grid}; the table must hold the full grid");
            }

            if (grid > 50_000_000)
            {
                throw Error("params", $"the grid has {grid} configurations; at most 50,000,000 can be held in memory");
            }

            return manifest;
        }

        private ImmutableArray<ParameterSpec> ReadParameters(JsonElement root)
        {
            if (!root.TryGetProperty("params", out var list))
            {
                throw Error("params", "missing; expected a list of {\"name\", \"type\", \"values\"}");
            }

            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw Error("params", $"expected a non-empty list of parameters, got {Describe(list)}");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            var result = ImmutableArray.CreateBuilder<ParameterSpec>();
            var i = 0;
            foreach (var p in list.EnumerateArray())
            {
                var key = $"params[{i}]";
                if (p.ValueKind != JsonValueKind.Object)
                {
                    throw Error(key, $"expected an object with name, type and values, got {Describe(p)}");
                }

                var name = RequiredString(p, "name", key);
                if (name.Length == 0)
                {
                    throw Error($"{key}.name", "is empty; give the parameter's name as it appears in the CSV header");
                }

                if (!names.Add(name))
                {
                    throw Error($"{key}.name", $"'{name}' is defined twice; parameter names must be unique");
                }

                var values = ReadValues(p, key);
                ParameterSpec spec = RequiredString(p, "type", key) switch
                {
                    "categorical" => new CategoricalParameter(name, values),
                    "ordinal" => new OrdinalParameter(name, values),
                    var other => throw Error($"{key}.type", $"expected \"categorical\" or \"ordinal\", got \"{other}\""),
                };
                try
                {
                    spec.Validate();
                }
                catch (SearchSpaceException e)
                {
                    throw Error($"{key}.values", e.Problem);
                }

                result.Add(spec);
                i++;
            }

            return result.ToImmutable();
        }

        private ImmutableArray<ParameterValue> ReadValues(JsonElement p, string key)
        {
            if (!p.TryGetProperty("values", out var values))
            {
                throw Error($"{key}.values", "missing; expected the list of the parameter's values in order");
            }

            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
            {
                throw Error($"{key}.values", $"expected a non-empty list of numbers, strings or booleans, got {Describe(values)}");
            }

            var result = ImmutableArray.CreateBuilder<ParameterValue>(values.GetArrayLength());
            var j = 0;
            foreach (var v in values.EnumerateArray())
            {
                result.Add(ToValue(v, $"{key}.values[{j}]"));
                j++;
            }

            // Two numbers equal in value (1 and 1.0) would make a CSV cell ambiguous.
            var numbers = result.Where(v => v.IsNumber).Select(v => v.AsDouble()).ToList();
            if (numbers.Count != numbers.Distinct().Count())
            {
                var twice = numbers.GroupBy(x => x).First(g => g.Count() > 1).Key;
                throw Error($"{key}.values", $"lists the number {twice.ToString("R", CultureInfo.InvariantCulture)} twice; values must be distinct");
            }

            return result.MoveToImmutable();
        }

        private ParameterValue ToValue(JsonElement v, string key)
        {
            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    return ParameterValue.Text(v.GetString()!);
                case JsonValueKind.True:
                    return ParameterValue.Boolean(true);
                case JsonValueKind.False:
                    return ParameterValue.Boolean(false);
                case JsonValueKind.Number:
                    var raw = v.GetRawText();
                    if (raw.AsSpan().IndexOfAny(".eE") < 0 && v.TryGetInt64(out var integer))
                    {
                        return ParameterValue.Integer(integer);
                    }

                    var real = v.GetDouble();
                    return double.IsFinite(real) ? ParameterValue.Real(real) : throw Error(key, $"{raw} is not a finite number");
                default:
                    throw Error(key, $"expected a number, a string or a boolean, got {Describe(v)}");
            }
        }

        private ImmutableSortedDictionary<int, double> ReadExpectedBest(JsonElement root)
        {
            const string key = "random_search_expected_best_of_seed_mean";
            if (!root.TryGetProperty(key, out var table) || table.ValueKind == JsonValueKind.Null)
            {
                return ImmutableSortedDictionary<int, double>.Empty;
            }

            if (table.ValueKind != JsonValueKind.Object)
            {
                throw Error(key, $"expected an object mapping k to a number, got {Describe(table)}");
            }

            var result = ImmutableSortedDictionary.CreateBuilder<int, double>();
            foreach (var entry in table.EnumerateObject())
            {
                if (!int.TryParse(entry.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var k) || entry.Value.ValueKind != JsonValueKind.Number)
                {
                    throw Error($"{key}.{entry.Name}", "expected a whole-number key k and a number value");
                }

                result[k] = entry.Value.GetDouble();
            }

            return result.ToImmutable();
        }

        private string RequiredString(JsonElement o, string name, string? parent = null)
        {
            var key = parent is null ? name : $"{parent}.{name}";
            if (!o.TryGetProperty(name, out var v))
            {
                throw Error(key, "missing; expected a string");
            }

            return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Error(key, $"expected a string, got {Describe(v)}");
        }

        private long? OptionalLong(JsonElement o, string name)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) && n >= 0
                ? n
                : throw Error(name, $"expected a whole number >= 0, got {Describe(v)}");
        }

        private double? OptionalDouble(JsonElement o, string name)
        {
            if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Error(name, $"expected a number, got {Describe(v)}");
        }

        private TabularFormatException Error(string key, string problem) => new(path, $"key '{key}'", problem);

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => e.GetArrayLength() == 0 ? "an empty list" : "a list",
            JsonValueKind.String => $"the string \"{e.GetString()}\"",
            JsonValueKind.Number => $"the number {e.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {e.GetRawText()}",
            JsonValueKind.Null => "null",
            _ => e.ValueKind.ToString(),
        };
    }

    /// <summary><c>dir/NAME.json</c> → <c>NAME</c>.</summary>
    public static string TaskName(string path) => System.IO.Path.GetFileNameWithoutExtension(path);

    /// <summary>The table beside a manifest: <c>dir/NAME.json</c> → <c>dir/NAME.csv.gz</c>.</summary>
    public static string TablePath(string manifestPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(manifestPath) ?? string.Empty, TaskName(manifestPath) + ".csv.gz");
}
