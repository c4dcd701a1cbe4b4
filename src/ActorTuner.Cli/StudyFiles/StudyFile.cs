using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// Reads a HOCON study file (see <c>hocon/examples/</c> and <c>docs/study-files.md</c>) into a
/// <see cref="StudyDefinition"/>. Every problem is found before anything runs and reported as a
/// <see cref="StudyFileException"/> naming the file, the line and the key.
/// </summary>
public static class StudyFile
{
    /// <summary>How many times a trial is attempted when the file gives no <c>max-attempts</c>.</summary>
    public const int DefaultMaxAttempts = 3;

    /// <summary>How long a worker's lease on a trial lasts when the file gives no <c>lease</c>.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(5);

    /// <summary>How long one trial may run when the objective gives no <c>timeout</c>.</summary>
    public static readonly TimeSpan DefaultTimeout = ObjectiveReader.DefaultTimeout;

    private static readonly string[] StudyKeys =
        ["name", "direction", "trials", "parallelism", "seed", "max-attempts", "lease", "sampler", "space", "objective"];

    private static readonly string[] Directions = ["minimize", "maximize"];

    /// <summary>Reads and validates the study file at <paramref name="path"/>.</summary>
    /// <exception cref="StudyFileException">The file cannot be read or is not a valid study file.</exception>
    public static StudyDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new StudyFileException(path, 0, 0, string.Empty, $"cannot read the study file: {ex.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Parses and validates study-file <paramref name="text"/>; <paramref name="path"/> names the file in
    /// messages, and its folder is where the objective's command runs (and what its <c>workdir</c> is relative to).
    /// </summary>
    /// <exception cref="StudyFileException">The text is not a valid study file.</exception>
    public static StudyDefinition Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(path);
        var root = new HoconSection(path, HoconParser.Parse(text, path), string.Empty);
        root.AllowOnly(["study"]);
        var study = root.Section(root.Require("study", "study { name = ..., direction = ..., trials = ..., space { ... } }"), "an object study { ... }");
        study.AllowOnly(StudyKeys);

        var nameField = study.Require("name", "the study's name, e.g. name = svm-digits");
        var name = study.Text(nameField, "a name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw study.Error(nameField, "expected a name, got an empty string");
        }

        var direction = study.OneOf(study.Require("direction", "minimize or maximize"), Directions, "direction") == "maximize"
            ? Direction.Maximize
            : Direction.Minimize;
        var trials = Count(study, study.Require("trials", "a positive whole number (the budget of finished trials)"));
        var parallelism = study.Find("parallelism") is { } parallelismField ? Count(study, parallelismField) : 1;
        var seed = study.Find("seed") is { } seedField ? study.Whole(seedField, "a whole number") : 0;
        var maxAttempts = study.Find("max-attempts") is { } attemptsField ? Count(study, attemptsField) : DefaultMaxAttempts;
        var lease = study.Find("lease") is { } leaseField ? study.Duration(leaseField) : DefaultLease;
        var settings = new StudySettings(name, direction, trials, parallelism, seed, maxAttempts, lease);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException ex) when (ex.Message.StartsWith("study name", StringComparison.Ordinal))
        {
            throw study.Error(nameField, ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw study.Error(study.Line, string.Empty, ex.Message);
        }

        var space = SpaceReader.Read(study.Section(
            study.Require("space", "an object with one entry per parameter, e.g. space { x { type = float, low = 0, high = 1 } }"),
            "an object with one entry per parameter"));
        var sampler = SamplerReader.Read(study);
        var objective = ObjectiveReader.Read(study, space);
        return new StudyDefinition(path, settings, space, sampler, objective);
    }

    private static int Count(HoconSection study, HoconField field) =>
        (int)study.Whole(field, "a positive whole number", 1, int.MaxValue);
}
