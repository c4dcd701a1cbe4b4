using System.Globalization;
using System.Text.Json;
using ActorTuner.Core.Trials;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// The fields of a tabular manifest (NAME.json) the report uses: <c>name</c> (the task name in result
/// files; the file's stem when absent), <c>direction</c>, <c>optimum_of_seed_mean</c>,
/// <c>median_of_seed_mean</c> and <c>random_search_expected_best_of_seed_mean["100"]</c>.
/// </summary>
internal sealed record ManifestSummary(
    string Path,
    string Name,
    Direction Direction,
    double Optimum,
    double? Median,
    double? RandomBestAt100)
{
    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a manifest; the message names the file and key.</exception>
    public static ManifestSummary Load(string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}); pass the NAME.json manifest of a tabular task", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: expected a JSON object (a tabular manifest)");
            }

            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                ? n.GetString()!
                : System.IO.Path.GetFileNameWithoutExtension(path);
            var direction = String(root, path, "direction") switch
            {
                "minimize" => Direction.Minimize,
                "maximize" => Direction.Maximize,
                var other => throw new InvalidDataException($"{path}: key 'direction' is \"{other}\"; expected \"minimize\" or \"maximize\""),
            };
            var optimum = Number(root, path, "optimum_of_seed_mean")
                ?? throw new InvalidDataException($"{path}: key 'optimum_of_seed_mean' is missing; the report needs the table's best seed mean");
            var median = Number(root, path, "median_of_seed_mean");
            double? at100 = null;
            if (root.TryGetProperty("random_search_expected_best_of_seed_mean", out var expected)
                && expected.ValueKind == JsonValueKind.Object)
            {
                at100 = Number(expected, path, "100");
            }

            return new ManifestSummary(path, name, direction, optimum, median, at100);
        }
    }

    private static string String(JsonElement o, string path, string key) =>
        o.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new InvalidDataException($"{path}: key '{key}' is missing or not a string");

    private static double? Number(JsonElement o, string path, string key)
    {
        if (!o.TryGetProperty(key, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number
            ? v.GetDouble()
            : throw new InvalidDataException(
                $"{path}: key '{key}' is {v.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}; expected a number");
    }
}
