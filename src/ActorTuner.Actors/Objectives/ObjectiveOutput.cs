using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorTuner.Actors.Objectives;

/// <summary>
/// Reading what an objective wrote (numbers, JSON lines) and writing failure reasons about it; shared by the
/// command runners and the delegate runner.
/// </summary>
internal static class ObjectiveOutput
{
    private static readonly string[] NonFiniteLiterals = ["-Infinity", "Infinity", "NaN"];

    /// <summary>The outcome for the value <paramref name="value"/>: completed when finite, failed otherwise.</summary>
    public static TrialOutcome FromValue(double value) =>
        double.IsNaN(value) ? TrialOutcome.Failed("the objective returned NaN")
        : double.IsInfinity(value) ? TrialOutcome.Failed($"the objective returned an infinite value ({(value > 0 ? "+" : "-")}inf)")
        : TrialOutcome.Completed(value);

    /// <summary>
    /// Parses a bare number in the invariant culture; also <c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>infinity</c>
    /// in any case (what Python, NumPy and C print), so that they fail as NaN or infinite rather than as unparseable.
    /// </summary>
    public static bool TryParseNumber(string text, out double value)
    {
        var trimmed = text.Trim();
        switch (trimmed.ToLowerInvariant())
        {
            case "nan" or "+nan" or "-nan":
                value = double.NaN;
                return true;
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    /// <summary>A JSON number, or a string holding one of the numbers <see cref="TryParseNumber"/> reads.</summary>
    public static bool TryReadNumber(JsonElement element, out double value)
    {
        value = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out value),
            JsonValueKind.String => TryParseNumber(element.GetString()!, out value),
            _ => false,
        };
    }

    /// <summary>
    /// Parses <paramref name="line"/> when it is a JSON object, or returns null. The bare literals <c>NaN</c>,
    /// <c>Infinity</c> and <c>-Infinity</c> are accepted (Python's <c>json.dumps</c> writes them), so that a NaN
    /// result fails as NaN instead of as unreadable.
    /// </summary>
    public static JsonDocument? TryParseObject(string line)
    {
        var trimmed = line.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[^1] != '}')
        {
            return null;
        }

        var document = TryParse(line) ?? (QuoteNonFiniteLiterals(line) is { } quoted ? TryParse(quoted) : null);
        if (document is { RootElement.ValueKind: not JsonValueKind.Object })
        {
            document.Dispose();
            return null;
        }

        return document;
    }

    /// <summary>Reads an intermediate report, <c>{"step": k, "value": v}</c> with an integer step and a finite value.</summary>
    public static bool TryReadReport(JsonElement line, out int step, out double value)
    {
        value = 0;
        step = 0;
        return line.TryGetProperty("step", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out step)
            && line.TryGetProperty("value", out var v) && TryReadNumber(v, out value) && double.IsFinite(value);
    }

    /// <summary>A line of output for a failure reason: quoted, and cut when long.</summary>
    public static string Quote(string line) =>
        line.Length <= 200 ? $"\"{line}\"" : $"\"{line[..200]}…\" ({line.Length} characters)";

    /// <summary>A duration for a failure reason: seconds when short.</summary>
    public static string Describe(TimeSpan duration) =>
        duration.TotalSeconds < 120
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s")
            : duration.ToString("c", CultureInfo.InvariantCulture);

    private static JsonDocument? TryParse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? QuoteNonFiniteLiterals(string json)
    {
        var text = new StringBuilder(json.Length + 8);
        var inString = false;
        var escaped = false;
        var changed = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else
                {
                    escaped = c == '\\';
                    inString = c != '"';
                }

                text.Append(c);
                continue;
            }

            var literal = Array.Find(NonFiniteLiterals, l => string.CompareOrdinal(json, i, l, 0, l.Length) == 0);
            if (literal is not null)
            {
                text.Append('"').Append(literal).Append('"');
                i += literal.Length - 1;
                changed = true;
                continue;
            }

            inString = c == '"';
            text.Append(c);
        }

        return changed ? text.ToString() : null;
    }
}
