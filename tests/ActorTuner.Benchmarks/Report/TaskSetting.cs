namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// The runs one table and one plot compare: the same task observed the same way (<c>noise</c>) with the
/// same number of simultaneous workers.
/// </summary>
internal sealed record TaskSetting(string Task, string Noise, int Parallelism)
{
    /// <summary>The heading of the setting's section.</summary>
    public string Title => $"{Task} (noise {Noise}, parallelism {Parallelism})";

    /// <summary>A file name for the setting's plot: letters, digits, '.', '-' and '_' only.</summary>
    public string PlotFileName
    {
        get
        {
            var raw = $"{Task}-{Noise}-p{Parallelism}";
            var chars = raw.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray();
            return "regret-" + new string(chars) + ".png";
        }
    }
}
