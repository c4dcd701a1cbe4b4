using System.Globalization;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// The digits MLP as a tuning objective: validation log-loss (minimise) of an <see cref="MlpClassifier"/>
/// trained on <see cref="DigitsData.Load()"/>'s train split with the trial's hyperparameters.
/// <list type="table">
/// <item><term><c>lr</c></term><description>learning rate, float; search 1e-4..1e-1 log.</description></item>
/// <item><term><c>batch</c></term><description>mini-batch rows, integer (int, whole float or numeric text, so an ordinal 16/32/64/128 works).</description></item>
/// <item><term><c>width</c></term><description>hidden units per layer, integer; search 16..256.</description></item>
/// <item><term><c>depth</c></term><description>hidden layers, integer; search 1..3.</description></item>
/// <item><term><c>dropout</c></term><description>dropout probability, float; search 0..0.5.</description></item>
/// <item><term><c>decay</c></term><description>L2 weight decay λ, float; search 1e-6..1e-2 log.</description></item>
/// <item><term><c>epochs</c></term><description>optional, default <see cref="MlpHyperparameters.DefaultEpochs"/>.</description></item>
/// <item><term><c>seed</c></term><description>optional, default 0: the seed of weights, shuffles and dropout, so a configuration always scores the same.</description></item>
/// </list>
/// </summary>
public static class DigitsObjective
{
    /// <summary>The learning-rate parameter.</summary>
    public const string LearningRate = "lr";

    /// <summary>The batch-size parameter.</summary>
    public const string BatchSize = "batch";

    /// <summary>The hidden-width parameter.</summary>
    public const string Width = "width";

    /// <summary>The hidden-depth parameter.</summary>
    public const string Depth = "depth";

    /// <summary>The dropout parameter.</summary>
    public const string Dropout = "dropout";

    /// <summary>The weight-decay parameter.</summary>
    public const string WeightDecay = "decay";

    /// <summary>The optional epochs parameter.</summary>
    public const string Epochs = "epochs";

    /// <summary>The optional seed parameter.</summary>
    public const string Seed = "seed";

    /// <summary>
    /// Trains on the thread pool (<c>Task.Run</c>): the work is
    /// CPU-bound and single-threaded, so a caller such as an actor keeps its own thread free. Reports each
    /// epoch's validation loss through <see cref="Trial.Report"/> (step = epoch, from 1) and returns the last.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter cannot train; the message names it.</exception>
    /// <exception cref="KeyNotFoundException">A required parameter is missing.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked between mini-batches).</exception>
    public static Task<double> EvaluateAsync(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return Task.Run(() => Train(trial, cancellationToken).ValidationLoss, cancellationToken);
    }

    /// <summary>Trains synchronously on the calling thread, reporting each epoch to <paramref name="trial"/>.</summary>
    public static TrainingResult Train(Trial trial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var hyperparameters = ReadHyperparameters(trial);
        var data = DigitsData.Load();
        var classifier = new MlpClassifier(hyperparameters, DigitsData.FeatureCount, DigitsData.ClassCount, ReadSeed(trial));
        return classifier.Fit(data.Train, data.Validation, p => trial.Report(p.Epoch, p.ValidationLoss), cancellationToken);
    }

    /// <summary>The hyperparameters named in the class remarks, validated.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value cannot train; the message names it.</exception>
    public static MlpHyperparameters ReadHyperparameters(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var hyperparameters = new MlpHyperparameters(
            Real(trial, LearningRate),
            Whole(trial, BatchSize),
            Whole(trial, Width),
            Whole(trial, Depth),
            Real(trial, Dropout),
            Real(trial, WeightDecay),
            trial.Has(Epochs) ? Whole(trial, Epochs) : MlpHyperparameters.DefaultEpochs);
        try
        {
            hyperparameters.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentOutOfRangeException($"trial {trial.Number}: {e.Message}", e);
        }

        return hyperparameters;
    }

    /// <summary>The trial's <c>seed</c>, or 0.</summary>
    public static long ReadSeed(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return trial.Has(Seed) ? Whole(trial, Seed) : 0;
    }

    private static double Real(Trial trial, string name)
    {
        var value = trial[name];
        if (value.IsNumber)
        {
            return value.AsDouble();
        }

        return value.Kind == ParameterValueKind.Text
            && double.TryParse(value.AsText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new InvalidCastException($"trial {trial.Number}: parameter '{name}' is {value}, not a number");
    }

    private static int Whole(Trial trial, string name)
    {
        var number = Real(trial, name);
        return Math.Floor(number) == number && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new InvalidCastException($"trial {trial.Number}: parameter '{name}' is {number}, not a whole number");
    }
}
