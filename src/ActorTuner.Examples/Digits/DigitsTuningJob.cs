using System.Globalization;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Tuning;
using ActorTuner.Cli.Reports;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Spectre.Console;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// The README's main job: tune the digits MLP with the Gaussian-process sampler, 4 trials at a time, journalled
/// in an embedded SQLite file, with live progress; then random search with the same budget and seed; then both
/// best configurations side by side, retrained and scored on the held-out test split.
/// </summary>
public static class DigitsTuningJob
{
    /// <summary>The command name (also the default when the examples run without arguments).</summary>
    public const string Name = "tune-digits";

    /// <summary>The search space: the usual knobs of a small network.</summary>
    public static SearchSpace Space { get; } = SearchSpace.Create(
        new FloatParameter(DigitsObjective.LearningRate, 1e-4, 1e-1, Log: true),
        new OrdinalParameter(DigitsObjective.BatchSize, [32, 64, 128, 256]),
        new OrdinalParameter(DigitsObjective.Width, [32, 64, 128, 256]),
        new IntParameter(DigitsObjective.Depth, 1, 3),
        new FloatParameter(DigitsObjective.Dropout, 0, 0.5),
        new FloatParameter(DigitsObjective.WeightDecay, 1e-6, 1e-2, Log: true));

    /// <summary>
    /// Runs both studies in <paramref name="database"/> (<paramref name="fresh"/>: delete it first) with
    /// <paramref name="trials"/> trials each and prints the comparison; returns the exit code.
    /// </summary>
    public static async Task<int> RunAsync(string database, int trials, bool fresh, IAnsiConsole console, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (fresh && File.Exists(database))
        {
            File.Delete(database);
        }

        console.MarkupLine(Markup.Escape($"Tuning a multilayer perceptron on the UCI optical digits ({DigitsData.RowCount} images, 8x8; train/validation/test 60/20/20)."));
        console.MarkupLine(Markup.Escape($"Objective: validation cross-entropy after {MlpHyperparameters.DefaultEpochs} epochs (minimise). Journal: sqlite:{database}"));
        await using var tuner = Tuner.Open($"sqlite:{database}");
        var gp = await RunOneAsync(tuner, "digits-mlp-gp", "gp", trials, console, cancellation).ConfigureAwait(false);
        if (gp.Stopped)
        {
            return 130;
        }

        var random = await RunOneAsync(tuner, "digits-mlp-random", "random", trials, console, cancellation).ConfigureAwait(false);
        if (random.Stopped)
        {
            return 130;
        }

        console.Write(Comparison(gp.State, random.State));
        console.MarkupLine("[grey]One seed of each: the 10-seed comparisons on tabular benchmarks are in docs/benchmarks.md. " +
            "Run again to see the journal answer at once (studies done), or pass --fresh.[/]");
        return 0;
    }

    /// <summary>The side-by-side table: best validation loss, when it was reached, the configuration, test accuracy.</summary>
    public static Table Comparison(StudyState gp, StudyState random)
    {
        ArgumentNullException.ThrowIfNull(gp);
        ArgumentNullException.ThrowIfNull(random);
        var table = new Table().Border(TableBorder.Rounded).Title("Gaussian process vs random search, same budget");
        table.AddColumn("");
        table.AddColumn("gp (4 in parallel)");
        table.AddColumn("random");
        var gpBest = gp.Best;
        var randomBest = random.Best;
        table.AddRow("best validation loss", ProgressView.Format(gpBest?.Value), ProgressView.Format(randomBest?.Value));
        table.AddRow("found at trial", gpBest?.Number.ToString(CultureInfo.InvariantCulture) ?? "-", randomBest?.Number.ToString(CultureInfo.InvariantCulture) ?? "-");
        table.AddRow(
            "finished trials until below random's best",
            randomBest is { Value: { } target } ? TrialsToReach(gp, target) : "-",
            "-");
        foreach (var p in Space.Parameters)
        {
            table.AddRow(Markup.Escape(p.Name), Value(gpBest, p.Name), Value(randomBest, p.Name));
        }

        table.AddRow("test accuracy (retrained)", TestAccuracy(gpBest), TestAccuracy(randomBest));
        table.AddRow("failed trials", Failed(gp), Failed(random));
        return table;
    }

    private static async Task<StudyRunResult> RunOneAsync(Tuner tuner, string name, string sampler, int trials, IAnsiConsole console, CancellationToken cancellation)
    {
        var spec = new StudySpec(new StudySettings(name, Direction.Minimize, trials, Parallelism: 4, Seed: 1, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(2)), Space, sampler);
        console.MarkupLine(Markup.Escape($"study {name}: {trials} trials, 4 at a time, sampler {sampler}"));
        var before = await tuner.ReadAsync(name, cancellation).ConfigureAwait(false);
        if (before is { IsDone: true } && before.Budget == trials)
        {
            console.MarkupLine(Markup.Escape($"study {name} is already done in the journal ({before.Finished} trials)"));
        }

        return await ProgressReporter.RunAsync(console, name, new RunOptions(), before?.Finished ?? 0,
            options => tuner.RunAsync(spec, DigitsObjective.EvaluateAsync, options, cancellation)).ConfigureAwait(false);
    }

    private static string TrialsToReach(StudyState study, double target)
    {
        var count = 0;
        foreach (var number in study.FinishOrder)
        {
            count++;
            if (study.Trials[number] is { State: TrialState.Complete, Value: { } v } && v <= target)
            {
                return count.ToString(CultureInfo.InvariantCulture);
            }
        }

        return "not reached";
    }

    private static string Value(StudyTrial? trial, string name) =>
        trial is not null && trial.Configuration.TryGetValue(name, out var v)
            ? v.Kind == ParameterValueKind.Real ? v.AsDouble().ToString("G4", CultureInfo.InvariantCulture) : Trial.Format(v)
            : "-";

    private static string Failed(StudyState study) =>
        study.Failed.ToString(CultureInfo.InvariantCulture);

    private static string TestAccuracy(StudyTrial? best)
    {
        if (best is null)
        {
            return "-";
        }

        var trial = new Trial(best.Number, 1, best.Configuration);
        var data = DigitsData.Load();
        var classifier = new MlpClassifier(DigitsObjective.ReadHyperparameters(trial), DigitsData.FeatureCount, DigitsData.ClassCount, DigitsObjective.ReadSeed(trial));
        classifier.Fit(data.Train, data.Validation);
        return classifier.Evaluate(data.Test).Accuracy.ToString("P1", CultureInfo.InvariantCulture);
    }
}
