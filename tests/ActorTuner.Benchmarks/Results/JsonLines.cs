using System.Text.Json;

namespace ActorTuner.Benchmarks.Results;

/// <summary>
/// Reads and writes JSONL result files: one compact JSON object per line, field names as declared on the
/// record (<see cref="EfficiencyRecord"/>, <see cref="OverheadRecord"/>).
/// </summary>
public static class JsonLines
{
    /// <summary>
    /// The serializer options shared by every result file: compact, no named floating-point literals, and a
    /// line missing a required field (e.g. from a peer script) is an error rather than a silent default.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        WriteIndented = false,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>One record as one line of compact JSON (no trailing newline).</summary>
    public static string Serialize<T>(T record) => JsonSerializer.Serialize(record, Options);

    /// <summary>Parses one line; the message of the exception names <paramref name="source"/> and the line number.</summary>
    /// <exception cref="InvalidDataException">The line is not a JSON object of type <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string line, string source, int lineNumber)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, Options)
                ?? throw new InvalidDataException($"{source}, line {lineNumber}: 'null' is not a {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}, line {lineNumber}: not a {typeof(T).Name} JSON line ({e.Message})", e);
        }
    }

    /// <summary>Every non-blank line of <paramref name="path"/>, parsed.</summary>
    public static List<T> ReadAll<T>(string path)
    {
        var result = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                result.Add(Deserialize<T>(line, path, lineNumber));
            }
        }

        return result;
    }
}
