using System.Collections.Immutable;
using ActorTuner.Core.Randomness;

namespace ActorTuner.Examples.Digits;

/// <summary>
/// A multilayer perceptron classifier: <see cref="MlpHyperparameters.Depth"/> ReLU hidden layers of
/// <see cref="MlpHyperparameters.Width"/> units, softmax output, cross-entropy loss with an L2 penalty on the
/// weights, inverted dropout on hidden units, He initialisation, Adam on shuffled mini-batches, float32.
/// Single-threaded and deterministic: the same seed, data and hyperparameters give the same numbers on the
/// same machine (the SIMD width sets the summation order, so another CPU may differ in the last bits).
/// </summary>
public sealed class MlpClassifier
{
    private const int ScoringRows = 256;
    private const long InitStream = 0;
    private const long ShuffleStream = 1;
    private const long DropoutStream = 2;

    private readonly MlpNetwork<float> _network;
    private readonly int _featureCount;
    private readonly int _classCount;
    private bool _trained;

    /// <summary>Creates an untrained classifier for rows of <paramref name="featureCount"/> features and <paramref name="classCount"/> classes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter cannot train; the message names it.</exception>
    public MlpClassifier(MlpHyperparameters hyperparameters, int featureCount, int classCount, long seed)
    {
        ArgumentNullException.ThrowIfNull(hyperparameters);
        hyperparameters.Validate();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        Hyperparameters = hyperparameters;
        Seed = seed;
        _featureCount = featureCount;
        _classCount = classCount;
        var sizes = new int[hyperparameters.Depth + 2];
        sizes[0] = featureCount;
        sizes.AsSpan(1, hyperparameters.Depth).Fill(hyperparameters.Width);
        sizes[^1] = classCount;
        _network = new MlpNetwork<float>(sizes, Math.Max(hyperparameters.BatchSize, ScoringRows));
    }

    /// <summary>The hyperparameters this classifier trains with.</summary>
    public MlpHyperparameters Hyperparameters { get; }

    /// <summary>The seed of the initial weights, the shuffles and the dropout masks.</summary>
    public long Seed { get; }

    /// <summary>
    /// Trains from freshly initialised weights on <paramref name="train"/> for <see cref="MlpHyperparameters.Epochs"/>
    /// epochs, scoring <paramref name="validation"/> after each and passing the scores to <paramref name="onEpoch"/>.
    /// Stops early when the training loss becomes non-finite (a learning rate that diverges).
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; it is checked before every mini-batch.</exception>
    public TrainingResult Fit(
        LabelledSet train,
        LabelledSet validation,
        Action<EpochProgress>? onEpoch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        CheckShape(train, nameof(train));
        CheckShape(validation, nameof(validation));
        if (train.Count == 0 || validation.Count == 0)
        {
            throw new ArgumentException("training and validation sets need at least one row each");
        }

        var hp = Hyperparameters;
        _trained = false;
        _network.InitializeHe(new Rng(Seed, InitStream));
        var shuffle = new Rng(Seed, ShuffleStream);
        var dropout = new Rng(Seed, DropoutStream);
        var adam = new AdamOptimizer<float>(_network.Parameters.Length);
        var order = Enumerable.Range(0, train.Count).ToArray();
        var losses = ImmutableArray.CreateBuilder<double>(hp.Epochs);
        var diverged = false;
        var last = new Evaluation(double.NaN, 0, validation.Count);
        for (var epoch = 1; epoch <= hp.Epochs && !diverged; epoch++)
        {
            shuffle.Shuffle(order.AsSpan());
            for (var start = 0; start < order.Length; start += hp.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var rows = Math.Min(hp.BatchSize, order.Length - start);
                _network.Load(train, order.AsSpan(start, rows));
                _network.DrawMasks(rows, hp.Dropout, dropout);
                _network.Forward(rows, training: true);
                var loss = _network.Backward(rows, hp.WeightDecay);
                if (!double.IsFinite(loss))
                {
                    diverged = true;
                    break;
                }

                adam.Step(_network.Parameters, _network.Gradient, hp.LearningRate);
            }

            _trained = true;
            last = Evaluate(validation);
            losses.Add(last.Loss);
            onEpoch?.Invoke(new EpochProgress(epoch, last.Loss, last.Accuracy));
        }

        return new TrainingResult(last.Loss, last.Accuracy, losses.ToImmutable(), diverged);
    }

    /// <summary>The mean clipped cross-entropy and the accuracy of the trained network on <paramref name="data"/>, without dropout.</summary>
    /// <exception cref="InvalidOperationException">The classifier has not been trained.</exception>
    public Evaluation Evaluate(LabelledSet data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckTrained();
        CheckShape(data, nameof(data));
        var lossSum = 0.0;
        var correct = 0;
        for (var start = 0; start < data.Count; start += _network.Capacity)
        {
            var rows = Math.Min(_network.Capacity, data.Count - start);
            _network.Load(data, start, rows);
            _network.Forward(rows, training: false);
            var (batchLoss, batchCorrect) = _network.Score(rows);
            lossSum += batchLoss;
            correct += batchCorrect;
        }

        return data.Count == 0
            ? new Evaluation(double.NaN, double.NaN, 0)
            : new Evaluation(lossSum / data.Count, (double)correct / data.Count, data.Count);
    }

    /// <summary>The most probable class of row <paramref name="row"/> of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOperationException">The classifier has not been trained.</exception>
    public int Predict(LabelledSet data, int row)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckTrained();
        CheckShape(data, nameof(data));
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, data.Count);
        _network.Load(data, row, 1);
        _network.Forward(1, training: false);
        return _network.ArgMax(0);
    }

    private void CheckTrained()
    {
        if (!_trained)
        {
            throw new InvalidOperationException("the classifier has not been trained; call Fit first");
        }
    }

    private void CheckShape(LabelledSet data, string name)
    {
        if (data.FeatureCount != _featureCount || data.ClassCount != _classCount)
        {
            throw new ArgumentException(
                $"{name} has {data.FeatureCount} features and {data.ClassCount} classes; this classifier was built for {_featureCount} and {_classCount}",
                name);
        }
    }
}
