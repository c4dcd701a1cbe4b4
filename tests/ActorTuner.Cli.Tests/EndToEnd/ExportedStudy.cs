using System.Globalization;
using System.Text.Json;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>What <c>actortuner export --format json</c> printed.</summary>
public sealed record ExportedStudy(int Budget, IReadOnlyList<ExportedTrial> Trials)
{
    public static ExportedStudy Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var trials = root.GetProperty("trials").EnumerateArray().Select(t => new ExportedTrial(
            t.GetProperty("number").GetInt32(),
            t.GetProperty("state").GetString()!,
            t.GetProperty("params").GetRawText(),
            t.GetProperty("value").ValueKind == JsonValueKind.Number ? t.GetProperty("value").GetDouble()
                : t.GetProperty("value").ValueKind == JsonValueKind.String ? double.Parse(t.GetProperty("value").GetString()!, CultureInfo.InvariantCulture) : null,
            t.GetProperty("attempts").GetInt32(),
            t.GetProperty("error").GetString())).ToList();
        return new ExportedStudy(root.GetProperty("budget").GetInt32(), trials);
    }

    public IEnumerable<ExportedTrial> InState(string state) => Trials.Where(t => t.State == state);
}
