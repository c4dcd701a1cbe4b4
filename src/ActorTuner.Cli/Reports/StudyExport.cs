using System.Globalization;
using System.Text;
using System.Text.Json;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Cli.Reports;

/// <summary>
/// Every trial of a study as JSON or CSV, for <c>actortuner export</c>. JSON:
/// <c>{"study": ..., "direction": "minimize", "budget": 60, "sampler": "gp", "trials": [{"number": 0, "state": "complete",
/// "params": {...}, "value": 0.12, "attempts": 1, "error": null}], "best": {"number": 7, "value": 0.1, "params": {...}}}</c>
/// with states complete, failed, pruned, running and queued. CSV: one row per trial, the parameters as columns
/// in the order of the search space.
/// </summary>
public static class StudyExport
{
    private static readonly string[] FixedColumns = ["number", "state", "value", "attempts", "error"];

    /// <summary>The state's name in exports.</summary>
    public static string StateName(TrialState state) => state switch
    {
        TrialState.Complete => "complete",
        TrialState.Failed => "failed",
        TrialState.Pruned => "pruned",
        TrialState.Running => "running",
        _ => "queued",
    };

    /// <summary>The study as indented JSON.</summary>
    public static string Json(StudyState study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var settings = study.Settings ?? throw new ArgumentException("the study was never created", nameof(study));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("study", settings.Name);
            w.WriteString("direction", settings.Direction == Direction.Minimize ? "minimize" : "maximize");
            w.WriteNumber("budget", study.Budget);
            w.WriteString("sampler", study.Sampler);
            w.WriteStartArray("trials");
            foreach (var t in study.Trials)
            {
                w.WriteStartObject();
                w.WriteNumber("number", t.Number);
                w.WriteString("state", StateName(t.State));
                w.WritePropertyName("params");
                Trial.WriteParameters(w, t.Configuration);
                WriteValue(w, t.State == TrialState.Complete ? t.Value : null);
                w.WriteNumber("attempts", t.Attempt);
                if (t.State == TrialState.Failed && t.Error is { } error)
                {
                    w.WriteString("error", error);
                }
                else
                {
                    w.WriteNull("error");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (study.Best is { } best)
            {
                w.WriteStartObject("best");
                w.WriteNumber("number", best.Number);
                WriteValue(w, best.Value);
                w.WritePropertyName("params");
                Trial.WriteParameters(w, best.Configuration);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("best");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The study as CSV (RFC 4180): number, state, value, attempts, error, then one column per parameter.</summary>
    public static string Csv(StudyState study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var space = study.Space ?? throw new ArgumentException("the study was never created", nameof(study));
        var names = space.Parameters.Select(p => p.Name).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', FixedColumns.Concat(names).Select(Quote)).Append("\r\n");
        foreach (var t in study.Trials)
        {
            var cells = new List<string>
            {
                t.Number.ToString(CultureInfo.InvariantCulture),
                StateName(t.State),
                t.State == TrialState.Complete && t.Value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
                t.Attempt.ToString(CultureInfo.InvariantCulture),
                t.State == TrialState.Failed ? t.Error ?? string.Empty : string.Empty,
            };
            cells.AddRange(names.Select(n => t.Configuration.TryGetValue(n, out var value) ? Trial.Format(value) : string.Empty));
            csv.AppendJoin(',', cells.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static void WriteValue(Utf8JsonWriter w, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber("value", v);
        }
        else if (value is { } infinite)
        {
            w.WriteString("value", infinite.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("value");
        }
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    /// <summary>A configuration on one line, <c>C=0.5, kernel=rbf</c>.</summary>
    public static string Describe(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Join(", ", configuration.Select(kv => $"{kv.Key}={Trial.Format(kv.Value)}"));
    }
}
