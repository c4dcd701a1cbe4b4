using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Tests.Digits;

public class DigitsObjectiveTests
{
    internal static Configuration Quick(double lr = 3e-3) => new(new Dictionary<string, ParameterValue>
    {
        ["lr"] = ParameterValue.Real(lr),
        ["batch"] = ParameterValue.Integer(64),
        ["width"] = ParameterValue.Integer(32),
        ["depth"] = ParameterValue.Integer(1),
        ["dropout"] = ParameterValue.Real(0.1),
        ["decay"] = ParameterValue.Real(1e-4),
        ["epochs"] = ParameterValue.Integer(3),
    });

    [Fact]
    public async Task EvaluateAsync_reports_every_epoch_and_returns_the_last_validation_loss()
    {
        var reports = new List<(int Step, double Value)>();
        var trial = new Trial(0, 1, Quick(), (step, value) => reports.Add((step, value)));

        var loss = await DigitsObjective.EvaluateAsync(trial, CancellationToken.None);

        reports.Select(r => r.Step).ShouldBe([1, 2, 3]);
        reports[^1].Value.ShouldBe(loss);
        loss.ShouldBeLessThan(reports[0].Value);
    }

    [Fact]
    public async Task The_objective_is_a_fixed_function_of_the_configuration()
    {
        var once = await DigitsObjective.EvaluateAsync(new Trial(0, 1, Quick()), CancellationToken.None);
        var again = await DigitsObjective.EvaluateAsync(new Trial(7, 2, Quick()), CancellationToken.None);

        again.ShouldBe(once);
    }

    [Fact]
    public void Parameters_are_read_by_name_and_an_ordinal_batch_may_be_text()
    {
        var values = Quick().ToDictionary();
        values["batch"] = ParameterValue.Text("32");
        values["width"] = ParameterValue.Real(128);
        values["seed"] = ParameterValue.Integer(9);
        var trial = new Trial(3, 1, new Configuration(values));

        DigitsObjective.ReadHyperparameters(trial).ShouldBe(new MlpHyperparameters(3e-3, 32, 128, 1, 0.1, 1e-4, 3));
        DigitsObjective.ReadSeed(trial).ShouldBe(9);
    }

    [Fact]
    public void Missing_or_impossible_parameters_are_named()
    {
        var values = Quick().ToDictionary();
        values.Remove("decay");
        Should.Throw<KeyNotFoundException>(() => DigitsObjective.ReadHyperparameters(new Trial(0, 1, new Configuration(values))))
            .Message.ShouldContain("'decay'");

        values = Quick().ToDictionary();
        values["depth"] = ParameterValue.Real(1.5);
        Should.Throw<InvalidCastException>(() => DigitsObjective.ReadHyperparameters(new Trial(0, 1, new Configuration(values))))
            .Message.ShouldContain("'depth'");

        values = Quick().ToDictionary();
        values["dropout"] = ParameterValue.Real(1.5);
        Should.Throw<ArgumentOutOfRangeException>(() => DigitsObjective.ReadHyperparameters(new Trial(4, 1, new Configuration(values))))
            .Message.ShouldContain("trial 4: Dropout is 1.5");
    }

    [Fact]
    public async Task A_cancelled_trial_throws()
    {
        using var cancel = new CancellationTokenSource();
        var trial = new Trial(0, 1, Quick(), (_, _) => cancel.Cancel());

        await Should.ThrowAsync<OperationCanceledException>(() => DigitsObjective.EvaluateAsync(trial, cancel.Token));
    }
}
