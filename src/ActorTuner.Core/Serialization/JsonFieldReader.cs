using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Serialization;

/// <summary>Reads fields of one JSON object, with errors that name the manifest and the field.</summary>
internal readonly record struct JsonFieldReader(string Manifest, JsonElement Element, string Path = "")
{
    public bool Has(string name) => Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out _);

    public JsonFieldReader Child(string name) => new(Manifest, Get(name), Path + "/" + name);

    public List<JsonFieldReader> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{Manifest}: field '{Path}' must be an array");
        }

        var i = 0;
        var self = this;
        return Element.EnumerateArray().Select(e => new JsonFieldReader(self.Manifest, e, $"{self.Path}/{i++}")).ToList();
    }

    public List<(string Name, JsonFieldReader Reader)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{Manifest}: field '{Path}' must be an object");
        }

        var self = this;
        return Element.EnumerateObject().Select(p => (p.Name, new JsonFieldReader(self.Manifest, p.Value, self.Path + "/" + p.Name))).ToList();
    }

    public string String(string name) =>
        Get(name) is { ValueKind: JsonValueKind.String } e ? e.GetString()! : throw Error(name, "expected a string");

    public int Int(string name) =>
        Get(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt32(out var v) ? v : throw Error(name, "expected a 32-bit integer");

    public long Long(string name) =>
        Get(name) is { ValueKind: JsonValueKind.Number } e && e.TryGetInt64(out var v) ? v : throw Error(name, "expected an integer");

    public bool Bool(string name) => Get(name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(name, "expected true or false"),
    };

    public double Double(string name)
    {
        var e = Get(name);
        if (e.ValueKind == JsonValueKind.Number)
        {
            return e.GetDouble();
        }

        if (e.ValueKind == JsonValueKind.String && double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsFinite(v))
        {
            return v;
        }

        throw Error(name, "expected a number");
    }

    public DateTimeOffset Time(string name) =>
        Get(name) is { ValueKind: JsonValueKind.String } e && e.TryGetDateTimeOffset(out var t) ? t : throw Error(name, "expected an ISO 8601 time");

    public ImmutableArray<ParameterValue> Values(string name) => [.. Child(name).Items().Select(JsonParts.ReadValue)];

    public FormatException Error(string field, string problem) => new($"{Manifest}: field '{Path}/{field}': {problem}");

    private JsonElement Get(string name) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var e)
            ? e
            : throw Error(name, "is missing");
}
