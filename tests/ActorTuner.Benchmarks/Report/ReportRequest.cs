using System.Collections.Immutable;

namespace ActorTuner.Benchmarks.Report;

/// <summary>What <see cref="ReportCommand"/> reads and where it writes.</summary>
/// <param name="EfficiencyFiles">JSONL files of <see cref="Results.EfficiencyRecord"/> lines (C# runner and Python peers).</param>
/// <param name="OverheadFiles">JSONL files of <see cref="Results.OverheadRecord"/> lines.</param>
/// <param name="ManifestFiles">Tabular manifests (NAME.json) giving the optimum, median and random-search target of their tasks.</param>
/// <param name="OutMarkdown">The Markdown file to write.</param>
/// <param name="ImageDir">Where the PNG plots go (created if missing); linked from the Markdown by relative path.</param>
/// <param name="CommandLine">The one command that regenerates the report, printed at its top.</param>
/// <param name="MachineDescription">CPU model and core count, e.g. from <see cref="Report.MachineDescription.Current"/>.</param>
public sealed record ReportRequest(
    ImmutableArray<string> EfficiencyFiles,
    ImmutableArray<string> OverheadFiles,
    ImmutableArray<string> ManifestFiles,
    string OutMarkdown,
    string ImageDir,
    string CommandLine,
    string MachineDescription);
