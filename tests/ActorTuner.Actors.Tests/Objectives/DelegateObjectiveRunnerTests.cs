using ActorTuner.Actors.Objectives;

namespace ActorTuner.Actors.Tests.Objectives;

public sealed class DelegateObjectiveRunnerTests
{
    [Fact]
    public async Task The_value_of_the_function_completes_the_trial()
    {
        await using var runner = new DelegateObjectiveRunner((t, _) => Task.FromResult(t.Float("x") * 2));

        (await runner.RunAsync(PythonScripts.Trial(0, null, ("x", 1.5)), CancellationToken.None)).ShouldBe(TrialOutcome.Completed(3.0));
    }

    [Fact]
    public async Task An_exception_fails_the_trial_with_its_type_and_message_but_no_stack()
    {
        await using var runner = new DelegateObjectiveRunner(async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("the model diverged");
        });

        var outcome = await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None);

        outcome.ShouldBe(TrialOutcome.Failed("InvalidOperationException: the model diverged"));
    }

    [Theory]
    [InlineData(double.NaN, "returned NaN")]
    [InlineData(double.PositiveInfinity, "infinite value (+inf)")]
    [InlineData(double.NegativeInfinity, "infinite value (-inf)")]
    public async Task A_NaN_or_infinite_value_fails_the_trial(double value, string expected)
    {
        await using var runner = new DelegateObjectiveRunner((_, _) => Task.FromResult(value));

        (await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None)).ShouldBeOfType<FailedOutcome>().Reason.ShouldContain(expected);
    }

    [Fact]
    public async Task Cancellation_throws()
    {
        using var stop = new CancellationTokenSource();
        await using var runner = new DelegateObjectiveRunner(async (_, token) =>
        {
            await stop.CancelAsync();
            await Task.Delay(Timeout.Infinite, token);
            return 0;
        });

        await Should.ThrowAsync<OperationCanceledException>(() => runner.RunAsync(PythonScripts.Trial(0), stop.Token));
    }

    [Fact]
    public async Task A_timeout_cancels_the_token_and_fails_the_trial()
    {
        var sawCancel = new TaskCompletionSource();
        await using var runner = new DelegateObjectiveRunner(
            async (_, token) =>
            {
                token.Register(() => sawCancel.TrySetResult());
                await Task.Delay(Timeout.Infinite, token);
                return 0;
            },
            TimeSpan.FromMilliseconds(200));

        var outcome = await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None);

        outcome.ShouldBe(TrialOutcome.Failed("the objective timed out after 0.2 s"));
        await sawCancel.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_timeout_fails_the_trial_even_when_the_function_ignores_its_token()
    {
        var never = new TaskCompletionSource<double>();
        await using var runner = new DelegateObjectiveRunner((_, _) => never.Task, TimeSpan.FromMilliseconds(200));

        var outcome = await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None);

        outcome.ShouldBeOfType<FailedOutcome>().Reason.ShouldContain("timed out");
    }
}
