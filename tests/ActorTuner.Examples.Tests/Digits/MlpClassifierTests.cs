using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Tests.Digits;

public sealed class GoodRunFixture
{
    public GoodRunFixture()
    {
        Data = DigitsData.Load();
        Classifier = new MlpClassifier(MlpHyperparameters.Good, 64, 10, seed: 0);
        Result = Classifier.Fit(Data.Train, Data.Validation, p => Epochs.Add(p));
    }

    public DigitsSplit Data { get; }

    public MlpClassifier Classifier { get; }

    public TrainingResult Result { get; }

    public List<EpochProgress> Epochs { get; } = [];
}

public class MlpClassifierTests(GoodRunFixture good) : IClassFixture<GoodRunFixture>
{
    private static readonly MlpHyperparameters Quick = new(3e-3, 64, 32, 2, 0.2, 1e-4, Epochs: 3);

    [Fact]
    public void Good_hyperparameters_reach_90_percent_validation_accuracy()
    {
        good.Result.ValidationAccuracy.ShouldBeGreaterThanOrEqualTo(0.9);
        good.Result.ValidationLoss.ShouldBeLessThan(0.3);
        good.Result.Diverged.ShouldBeFalse();
    }

    [Fact]
    public void Each_epoch_is_reported_and_the_last_is_the_result()
    {
        good.Epochs.Select(p => p.Epoch).ShouldBe(Enumerable.Range(1, MlpHyperparameters.DefaultEpochs));
        good.Result.LossPerEpoch.ShouldBe(good.Epochs.Select(p => p.ValidationLoss));
        good.Epochs[^1].ValidationLoss.ShouldBe(good.Result.ValidationLoss);
        good.Epochs[^1].ValidationAccuracy.ShouldBe(good.Result.ValidationAccuracy);
        good.Epochs[^1].ValidationLoss.ShouldBeLessThan(good.Epochs[0].ValidationLoss);
    }

    [Fact]
    public void Evaluate_scores_the_test_split_and_the_validation_split_as_fit_did()
    {
        var test = good.Classifier.Evaluate(good.Data.Test);
        var validation = good.Classifier.Evaluate(good.Data.Validation);

        test.Count.ShouldBe(360);
        test.Accuracy.ShouldBeGreaterThanOrEqualTo(0.9);
        validation.Loss.ShouldBe(good.Result.ValidationLoss);
        Enumerable.Range(0, 50).Count(i => good.Classifier.Predict(good.Data.Test, i) == good.Data.Test.Label(i)).ShouldBeGreaterThan(40);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1e-4)]
    public void A_terrible_learning_rate_gives_a_clearly_worse_loss(double learningRate)
    {
        var bad = new MlpClassifier(MlpHyperparameters.Good with { LearningRate = learningRate }, 64, 10, seed: 0)
            .Fit(good.Data.Train, good.Data.Validation);

        bad.ValidationLoss.ShouldBeGreaterThan(2 * good.Result.ValidationLoss);
    }

    [Fact]
    public void The_same_seed_gives_the_same_loss_and_another_seed_another()
    {
        var data = good.Data;

        var once = new MlpClassifier(Quick, 64, 10, seed: 5).Fit(data.Train, data.Validation);
        var again = new MlpClassifier(Quick, 64, 10, seed: 5).Fit(data.Train, data.Validation);
        var other = new MlpClassifier(Quick, 64, 10, seed: 6).Fit(data.Train, data.Validation);

        again.LossPerEpoch.ShouldBe(once.LossPerEpoch);
        other.ValidationLoss.ShouldNotBe(once.ValidationLoss);
    }

    [Fact]
    public void Refitting_starts_again_from_the_seed()
    {
        var classifier = new MlpClassifier(Quick, 64, 10, seed: 5);

        var once = classifier.Fit(good.Data.Train, good.Data.Validation);
        var again = classifier.Fit(good.Data.Train, good.Data.Validation);

        again.ValidationLoss.ShouldBe(once.ValidationLoss);
    }

    [Fact]
    public void Cancellation_stops_training_between_mini_batches()
    {
        using var cancel = new CancellationTokenSource();
        var epochs = new List<int>();
        var classifier = new MlpClassifier(Quick with { Epochs = 50 }, 64, 10, seed: 1);

        Should.Throw<OperationCanceledException>(() => classifier.Fit(good.Data.Train, good.Data.Validation, p =>
        {
            epochs.Add(p.Epoch);
            cancel.Cancel();
        }, cancel.Token));

        epochs.ShouldBe([1]);
    }

    [Fact]
    public void A_cancelled_token_stops_before_the_first_batch()
    {
        var classifier = new MlpClassifier(Quick, 64, 10, seed: 1);

        Should.Throw<OperationCanceledException>(() =>
            classifier.Fit(good.Data.Train, good.Data.Validation, cancellationToken: new CancellationToken(canceled: true)));
        Should.Throw<InvalidOperationException>(() => classifier.Evaluate(good.Data.Test));
    }

    [Fact]
    public void Hyperparameters_that_cannot_train_are_named()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MlpClassifier(MlpHyperparameters.Good with { Dropout = 1 }, 64, 10, 0))
            .Message.ShouldContain("Dropout");
        Should.Throw<ArgumentOutOfRangeException>(() => new MlpClassifier(MlpHyperparameters.Good with { LearningRate = -1 }, 64, 10, 0))
            .Message.ShouldContain("LearningRate");
    }
}
