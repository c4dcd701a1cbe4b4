using System.Globalization;
using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorTuner.Cli.Reports;

/// <summary>How a run's progress is shown: a live panel on a terminal, one line per finished trial otherwise.</summary>
public static class ProgressView
{
    /// <summary>The live panel: trials done, running and failed, the best value so far, elapsed and remaining time.</summary>
    public static IRenderable Panel(string study, StudyProgress? progress)
    {
        if (progress is null)
        {
            return new Panel(new Markup("[grey]starting...[/]")).Header(Markup.Escape(study));
        }

        var state = progress.State;
        const int width = 30;
        var filled = state.Budget == 0 ? 0 : (int)Math.Round(width * Math.Min(1.0, state.Finished / (double)state.Budget));
        var best = state.Best is { } b ? $"[green]{Format(b.Value)}[/] (trial {b.Number})" : "[grey]none yet[/]";
        var rows = new Rows(
            new Markup($"[blue]{new string('━', filled)}[/][grey]{new string('━', width - filled)}[/]  {state.Finished}/{state.Budget} finished"),
            new Markup($"running [yellow]{progress.Running}[/] · completed {progress.Completed} · failed [red]{progress.Failed}[/] · best {best}"),
            new Markup($"elapsed {Duration(progress.Elapsed)} · remaining {(progress.EstimatedRemaining is { } r ? "~" + Duration(r) : "[grey]estimating[/]")}"));
        return new Panel(rows).Header(Markup.Escape(study)).Border(BoxBorder.Rounded);
    }

    /// <summary>The lines for trials finished since <paramref name="printed"/> of them were printed.</summary>
    public static IEnumerable<string> NewlyFinished(StudyProgress progress, int printed)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var state = progress.State;
        var minimize = state.Settings!.Direction == Core.Trials.Direction.Minimize;
        double? best = null;
        for (var i = 0; i < state.FinishOrder.Count; i++)
        {
            var t = state.Trials[state.FinishOrder[i]];
            if (t.State == TrialState.Complete && t.Value is { } v && !double.IsNaN(v) && (best is null || (minimize ? v < best : v > best)))
            {
                best = v;
            }

            if (i < printed)
            {
                continue;
            }

            var outcome = t.State == TrialState.Complete ? $"value {Format(t.Value)}" : $"{StudyExport.StateName(t.State)}: {Summary(t.Error)}";
            yield return $"trial {t.Number} {outcome} [{StudyExport.Describe(t.Configuration)}] ({i + 1}/{state.Budget} finished, best {Format(best)}, {Duration(progress.Elapsed)})";
        }
    }

    /// <summary>The best completed trials, best first.</summary>
    public static Table BestTable(StudyState state, int count)
    {
        ArgumentNullException.ThrowIfNull(state);
        var names = state.Space!.Parameters.Select(p => p.Name).ToList();
        var table = new Table().Border(TableBorder.Rounded).Title($"best trials of {Markup.Escape(state.Settings!.Name)} ({(state.Settings.Direction == Core.Trials.Direction.Minimize ? "minimize" : "maximize")})");
        table.AddColumn("trial");
        table.AddColumn("value");
        foreach (var n in names)
        {
            table.AddColumn(Markup.Escape(n));
        }

        var completed = state.Trials.Where(t => t.State == TrialState.Complete && t.Value is { } v && !double.IsNaN(v));
        var ordered = state.Settings.Direction == Core.Trials.Direction.Minimize ? completed.OrderBy(t => t.Value) : completed.OrderByDescending(t => t.Value);
        foreach (var t in ordered.Take(count))
        {
            var cells = new List<string> { t.Number.ToString(CultureInfo.InvariantCulture), Format(t.Value) };
            cells.AddRange(names.Select(n => t.Configuration.TryGetValue(n, out var value) ? Markup.Escape(Short(value)) : "[grey]-[/]"));
            table.AddRow([.. cells]);
        }

        return table;
    }

    /// <summary>
    /// Output to a file or pipe has no terminal width; Spectre assumes 80 columns and wraps tables and lines
    /// mid-number. Logs read better unwrapped, so a redirected console gets 200.
    /// </summary>
    public static void WidenWhenRedirected(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (Console.IsOutputRedirected && !console.Profile.Capabilities.Interactive)
        {
            console.Profile.Width = Math.Max(console.Profile.Width, 200);
        }
    }

    /// <summary>A parameter value for a table: reals with 6 significant digits (export keeps them whole).</summary>
    public static string Short(Core.Spaces.ParameterValue value) =>
        value.Kind == Core.Spaces.ParameterValueKind.Real ? Format(value.AsDouble()) : Actors.Objectives.Trial.Format(value);

    /// <summary>A value with 6 significant digits.</summary>
    public static string Format(double? value) => value is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    /// <summary>A duration as h:mm:ss.</summary>
    public static string Duration(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    // The reason's first line and, when the reason carries a stderr tail, its last line (the exception, usually).
    private static string Summary(string? text)
    {
        var lines = (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length switch
        {
            0 => "no reason given",
            1 => lines[0],
            _ => $"{lines[0]} ... {lines[^1]}",
        };
    }
}
