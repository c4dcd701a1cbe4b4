using System.Collections.Immutable;
using System.CommandLine;
using System.Text;
using ActorTuner.Benchmarks.Results;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// The <c>report</c> subcommand: reads efficiency and overhead JSONL files (from the C# runner and the Optuna
/// peers), writes one Markdown report with a table and a best-so-far plot per task setting and the overhead
/// table. Exit code 0 on success, 1 when an input is missing or malformed (the message on standard error says
/// which file and line), 2 when there is nothing to report.
/// </summary>
public static class ReportCommand
{
    /// <summary>How the report's header says to rerun the benchmark executable; the report's own arguments follow.</summary>
    public const string ExecutablePrefix = "dotnet run --project tests/ActorTuner.Benchmarks -c Release --";

    /// <summary>
    /// <c>report --efficiency A.jsonl [B.jsonl ...] [--overhead O.jsonl ...] [--manifest T.json ...] --out report.md
    /// [--images DIR]</c>; the regeneration command printed in the report is this command line.
    /// </summary>
    public static Command Create()
    {
        var efficiency = new Option<string[]>("--efficiency")
        {
            Description = "Efficiency JSONL files (C# runner and Optuna peers); repeatable",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var overhead = new Option<string[]>("--overhead")
        {
            Description = "Overhead JSONL files; repeatable",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var manifests = new Option<string[]>("--manifest")
        {
            Description = "Tabular manifests NAME.json, for their optimum, median and random-search target; repeatable",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<string>("--out") { Description = "The Markdown file to write", Required = true };
        var images = new Option<string>("--images") { Description = "Folder for the PNG plots (default: img/ beside --out)" };
        var regenerate = new Option<string>("--regenerate-with")
        {
            Description = "The command to print at the top as the one that regenerates the report (default: this report command)",
        };

        var command = new Command("report", "Writes a Markdown report with tables and plots from efficiency and overhead JSONL files")
        {
            efficiency, overhead, manifests, output, images, regenerate,
        };
        command.SetAction(parse =>
        {
            var outMarkdown = parse.GetRequiredValue(output);
            var imageDir = parse.GetValue(images)
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outMarkdown))!, "img");
            var commandLine = parse.GetValue(regenerate)
                ?? ExecutablePrefix + " " + string.Join(" ", parse.Tokens.Select(t => Quote(t.Value)));
            return Run(
                new ReportRequest(
                    [.. parse.GetValue(efficiency) ?? []],
                    [.. parse.GetValue(overhead) ?? []],
                    [.. parse.GetValue(manifests) ?? []],
                    outMarkdown,
                    imageDir,
                    commandLine,
                    MachineDescription.Current()),
                parse.InvocationConfiguration.Error,
                TimeProvider.System);
        });
        return command;
    }

    /// <summary>Writes the report; tabular tasks fall back to empirical optima (see <see cref="ReportRequest.ManifestFiles"/>).</summary>
    public static int Run(
        IReadOnlyList<string> efficiencyFiles,
        IReadOnlyList<string> overheadFiles,
        string outMarkdown,
        string imageDir,
        string commandLine,
        string machineDescription) =>
        Run(efficiencyFiles, overheadFiles, [], outMarkdown, imageDir, commandLine, machineDescription);

    /// <summary>Writes the report, normalising tabular tasks with <paramref name="manifestFiles"/> (the <c>--manifest</c> paths).</summary>
    public static int Run(
        IReadOnlyList<string> efficiencyFiles,
        IReadOnlyList<string> overheadFiles,
        IReadOnlyList<string> manifestFiles,
        string outMarkdown,
        string imageDir,
        string commandLine,
        string machineDescription) =>
        Run(
            new ReportRequest([.. efficiencyFiles], [.. overheadFiles], [.. manifestFiles], outMarkdown, imageDir, commandLine, machineDescription),
            Console.Error,
            TimeProvider.System);

    /// <summary>Writes the report; problems go to <paramref name="errors"/>, the date comes from <paramref name="time"/>.</summary>
    public static int Run(ReportRequest request, TextWriter errors, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(time);
        if (request.EfficiencyFiles.IsDefaultOrEmpty && request.OverheadFiles.IsDefaultOrEmpty)
        {
            errors.WriteLine("report: no input files; pass efficiency JSONL files and/or overhead JSONL files");
            return 2;
        }

        try
        {
            var efficiency = ReadEfficiency(request.EfficiencyFiles.IsDefault ? [] : request.EfficiencyFiles, errors);
            var overhead = (request.OverheadFiles.IsDefault ? [] : request.OverheadFiles).SelectMany(JsonLines.ReadAll<OverheadRecord>).ToList();
            if (efficiency.Count == 0 && overhead.Count == 0)
            {
                errors.WriteLine("report: the input files hold no records; run the efficiency or overhead benchmark first");
                return 2;
            }

            var manifests = new Dictionary<string, ManifestSummary>(StringComparer.Ordinal);
            foreach (var path in request.ManifestFiles.IsDefault ? [] : request.ManifestFiles)
            {
                var manifest = ManifestSummary.Load(path);
                manifests[manifest.Name] = manifest;
            }

            var settings = SettingAnalysis.AnalyseAll(efficiency, manifests);
            var markdownDir = Path.GetDirectoryName(Path.GetFullPath(request.OutMarkdown))!;
            Directory.CreateDirectory(markdownDir);
            Directory.CreateDirectory(request.ImageDir);
            var plots = new Dictionary<TaskSetting, (string Link, string Caption)>();
            foreach (var s in settings)
            {
                var png = Path.GetFullPath(Path.Combine(request.ImageDir, s.Setting.PlotFileName));
                var caption = RegretPlot.Save(s, png);
                var link = Path.GetRelativePath(markdownDir, png).Replace('\\', '/').Replace(" ", "%20", StringComparison.Ordinal);
                plots[s.Setting] = (link, caption);
            }

            var inputs = (request.EfficiencyFiles.IsDefault ? [] : request.EfficiencyFiles)
                .Concat(request.OverheadFiles.IsDefault ? [] : request.OverheadFiles)
                .Concat(request.ManifestFiles.IsDefault ? [] : request.ManifestFiles)
                .Select(Path.GetFileName)
                .Select(f => f!)
                .ToList();
            var markdown = ReportMarkdown.Render(
                request.CommandLine, request.MachineDescription, time.GetUtcNow(), inputs, settings, plots, overhead);
            File.WriteAllText(request.OutMarkdown, markdown, new UTF8Encoding(false));
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"report: {e.Message}");
            return 1;
        }
    }

    /// <summary>A shell word: as is when plain, else in single quotes.</summary>
    internal static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=,:@+".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// All efficiency records; a (task, noise, parallelism, sampler, seed) run read twice keeps its last copy
    /// and is mentioned on <paramref name="errors"/>, so passing a file twice does not shrink the spread.
    /// </summary>
    private static List<EfficiencyRecord> ReadEfficiency(ImmutableArray<string> files, TextWriter errors)
    {
        var order = new List<(string, string, int, string, int)>();
        var runs = new Dictionary<(string, string, int, string, int), EfficiencyRecord>();
        foreach (var file in files)
        {
            foreach (var r in JsonLines.ReadAll<EfficiencyRecord>(file))
            {
                if (r.BestTrace.IsDefaultOrEmpty)
                {
                    throw new InvalidDataException(
                        $"{file}: the run of {r.Sampler} on {r.Task} with seed {r.Seed} has an empty best_trace; rerun it");
                }

                var key = (r.Task, r.Noise, r.Parallelism, r.Sampler, r.Seed);
                if (runs.ContainsKey(key))
                {
                    errors.WriteLine($"report: {file}: a second run of {r.Sampler} on {r.Task} (noise {r.Noise}, parallelism {r.Parallelism}) with seed {r.Seed}; keeping the last one read");
                }
                else
                {
                    order.Add(key);
                }

                runs[key] = r;
            }
        }

        return [.. order.Select(k => runs[k])];
    }
}
