using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Tests.Studies;

public sealed class StudyDecisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);

    private static readonly SearchSpace Space = SearchSpace.Create(
        new FloatParameter("lr", 1e-4, 1, Log: true),
        new CategoricalParameter("act", ["relu", "tanh"]));

    private static readonly StudySettings Settings = new("s", Direction.Minimize, Budget: 3, Parallelism: 2, Seed: 1, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(1));

    private static Configuration Config(double lr) => new([new("lr", lr), new("act", "relu")]);

    /// <summary>Decides and applies, as the actor does: persist the events, then fold them.</summary>
    private static (StudyState State, StudyReply Reply) Run(StudyState state, StudyCommand command)
    {
        var decision = StudyDecisions.Decide(state, command);
        return (state.ApplyAll(decision.Events), decision.Reply);
    }

    private static StudyState Created() => Run(StudyState.Empty, new CreateStudy(Settings, Space, "gp")).State;

    private static (StudyState State, TrialAssigned Assigned) SuggestAndDispatch(StudyState state, double lr, string worker = "w1")
    {
        state = Run(state, new AddSuggestion(Config(lr))).State;
        var (next, reply) = Run(state, new RequestTrial(worker, T0));
        return (next, reply.ShouldBeOfType<TrialAssigned>());
    }

    [Fact]
    public void A_trial_goes_from_suggestion_to_dispatch_to_completion()
    {
        var (state, assigned) = SuggestAndDispatch(Created(), 0.01);
        assigned.Number.ShouldBe(0);
        assigned.Attempt.ShouldBe(1);
        assigned.LeaseDeadline.ShouldBe(T0 + TimeSpan.FromMinutes(1));
        state.Running.ShouldBe(1);

        (state, var reply) = Run(state, new CompleteTrial(0, 1, 0.5));
        reply.ShouldBe(Accepted.Instance);
        state.Finished.ShouldBe(1);
        state.Trials[0].State.ShouldBe(TrialState.Complete);
        state.Best!.Value.ShouldBe(0.5);
    }

    [Fact]
    public void A_duplicate_result_is_acknowledged_and_not_recorded_again()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01);
        state = Run(state, new CompleteTrial(0, 1, 0.5)).State;
        var decision = StudyDecisions.Decide(state, new CompleteTrial(0, 1, 0.1));
        decision.Events.ShouldBeEmpty();
        decision.Reply.ShouldBeOfType<Stale>();
    }

    [Fact]
    public void A_late_result_from_a_requeued_attempt_is_stale_and_the_new_attempt_counts_once()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01, "w1");
        (state, _) = Run(state, new ExpireLeases(T0 + TimeSpan.FromMinutes(2)));
        state.Trials[0].State.ShouldBe(TrialState.Queued);
        state.Trials[0].Error!.ShouldContain("lease expired");

        var (redispatched, reply) = Run(state, new RequestTrial("w2", T0 + TimeSpan.FromMinutes(3)));
        reply.ShouldBeOfType<TrialAssigned>().Attempt.ShouldBe(2);
        state = redispatched;

        StudyDecisions.Decide(state, new CompleteTrial(0, 1, 0.9)).Reply.ShouldBeOfType<Stale>().Why.ShouldContain("attempt 2");
        state = Run(state, new CompleteTrial(0, 2, 0.3)).State;
        state.Trials[0].Value.ShouldBe(0.3);
        state.FinishOrder.ShouldBe([0]);
        StudyDecisions.Decide(state, new CompleteTrial(0, 2, 0.3)).Events.ShouldBeEmpty();
    }

    [Fact]
    public void A_lost_attempt_is_retried_up_to_the_limit_then_failed_with_the_reason()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01);
        state = Run(state, new FailTrial(0, 1, "worker stopped", Retry: true)).State;
        state.Trials[0].State.ShouldBe(TrialState.Queued);
        state = Run(state, new RequestTrial("w1", T0)).State;
        state = Run(state, new FailTrial(0, 2, "worker stopped", Retry: true)).State;
        state.Trials[0].State.ShouldBe(TrialState.Failed);
        state.Trials[0].Error!.ShouldContain("gave up after 2 attempts");
        state.Finished.ShouldBe(1);
    }

    [Fact]
    public void A_crashing_objective_fails_the_trial_at_once_and_nan_is_a_failure()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01);
        state = Run(state, new FailTrial(0, 1, "exit code 1: Traceback ...", Retry: false)).State;
        state.Trials[0].State.ShouldBe(TrialState.Failed);
        state.Trials[0].Error.ShouldBe("exit code 1: Traceback ...");

        (state, _) = SuggestAndDispatch(state, 0.02);
        state = Run(state, new CompleteTrial(1, 1, double.NaN)).State;
        state.Trials[1].State.ShouldBe(TrialState.Failed);
        state.Trials[1].Error!.ShouldContain("NaN");
    }

    [Fact]
    public void A_lost_worker_gives_back_only_its_own_trials()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01, "w1");
        (state, _) = SuggestAndDispatch(state, 0.02, "w2");
        state = Run(state, new WorkerLost("w1")).State;
        state.Trials[0].State.ShouldBe(TrialState.Queued);
        state.Trials[1].State.ShouldBe(TrialState.Running);
    }

    [Fact]
    public void Parallelism_and_budget_limit_what_is_dispatched_and_suggested()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01);
        (state, _) = SuggestAndDispatch(state, 0.02);
        state = Run(state, new AddSuggestion(Config(0.03))).State;
        Run(state, new RequestTrial("w3", T0)).Reply.ShouldBe(new NoTrial(StudyDone: false, NeedsSuggestion: false));
        Run(state, new AddSuggestion(Config(0.04))).Reply.ShouldBeOfType<Rejected>().Why.ShouldContain("budget");

        foreach (var (n, v) in new[] { (0, 1.0), (1, 2.0) })
        {
            state = Run(state, new CompleteTrial(n, 1, v)).State;
        }

        var (third, assigned) = Run(state, new RequestTrial("w3", T0));
        assigned.ShouldBeOfType<TrialAssigned>().Number.ShouldBe(2);
        state = Run(third, new CompleteTrial(2, 1, 0.5)).State;
        state.IsDone.ShouldBeTrue();
        Run(state, new RequestTrial("w3", T0)).Reply.ShouldBe(new NoTrial(StudyDone: true, NeedsSuggestion: false));
    }

    [Fact]
    public void An_empty_queue_asks_for_a_suggestion_while_the_budget_allows()
    {
        Run(Created(), new RequestTrial("w1", T0)).Reply.ShouldBe(new NoTrial(StudyDone: false, NeedsSuggestion: true));
    }

    [Fact]
    public void Creating_again_resumes_and_a_larger_budget_extends_the_study()
    {
        var state = Created();
        StudyDecisions.Decide(state, new CreateStudy(Settings, Space, "gp")).Events.ShouldBeEmpty();
        var (extended, reply) = Run(state, new CreateStudy(Settings with { Budget = 10 }, Space, "gp"));
        reply.ShouldBe(Accepted.Instance);
        extended.Budget.ShouldBe(10);
        Run(state, new CreateStudy(Settings with { Direction = Direction.Maximize }, Space, "gp")).Reply
            .ShouldBeOfType<Rejected>().Why.ShouldContain("another direction or search space");
    }

    [Fact]
    public void Bad_settings_and_bad_suggestions_are_rejected_with_the_field_named()
    {
        Run(StudyState.Empty, new CreateStudy(Settings with { Budget = 0 }, Space, "gp")).Reply
            .ShouldBeOfType<Rejected>().Why.ShouldContain("trials (the budget) must be at least 1");
        Run(Created(), new AddSuggestion(new Configuration([new("lr", 5.0), new("act", "relu")]))).Reply
            .ShouldBeOfType<Rejected>().Why.ShouldContain("'lr'");
        Run(StudyState.Empty, new RequestTrial("w", T0)).Reply.ShouldBeOfType<Rejected>();
    }

    [Fact]
    public void Replaying_the_journal_rebuilds_the_same_state_and_a_corrupt_event_is_refused()
    {
        var journal = new List<StudyEvent>();
        var state = StudyState.Empty;
        var rng = new Rng(42);
        var settings = Settings with { Budget = 30, Parallelism = 4, MaxAttempts = 3 };
        StudyCommand[] Commands(StudyState s, int step) =>
        [
            new CreateStudy(settings, Space, "gp"),
            new AddSuggestion(Config(0.001 + (step * 1e-4))),
            new RequestTrial($"w{rng.NextInt(3)}", T0 + TimeSpan.FromSeconds(step)),
            new CompleteTrial(rng.NextInt(Math.Max(1, s.Trials.Count)), 1 + rng.NextInt(3), rng.NextDouble()),
            new FailTrial(rng.NextInt(Math.Max(1, s.Trials.Count)), 1 + rng.NextInt(3), "boom", rng.NextDouble() < 0.5),
            new ExpireLeases(T0 + TimeSpan.FromSeconds(step - 50)),
            new WorkerLost($"w{rng.NextInt(3)}"),
        ];

        for (var step = 0; step < 2000 && !state.IsDone; step++)
        {
            var options = Commands(state, step);
            var decision = StudyDecisions.Decide(state, options[rng.NextInt(options.Length)]);
            journal.AddRange(decision.Events);
            state = state.ApplyAll(decision.Events);

            // Invariants after every step.
            (state.Finished + state.Unfinished).ShouldBeLessThanOrEqualTo(state.Budget);
            state.Running.ShouldBeLessThanOrEqualTo(settings.Parallelism);
            state.FinishOrder.Distinct().Count().ShouldBe(state.Finished);
            state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, state.Trials.Count));
        }

        state.IsDone.ShouldBeTrue();
        journal.OfType<TrialCompleted>().Select(e => e.Number).Distinct().Count().ShouldBe(journal.OfType<TrialCompleted>().Count());
        var replayed = StudyState.Empty.ApplyAll(journal);
        replayed.Trials.ShouldBe(state.Trials);
        replayed.FinishOrder.ShouldBe(state.FinishOrder);
        replayed.ToSuggestionContext().Observations.Length.ShouldBe(30);

        Should.Throw<InvalidOperationException>(() => replayed.Apply(new TrialCompleted(0, 99, 1.0))).Message.ShouldContain("does not fit");
        Should.Throw<InvalidOperationException>(() => replayed.Apply(new StudyCreated(settings, Space, "gp"))).Message.ShouldContain("already created");
    }

    [Fact]
    public void The_sampler_sees_finished_trials_in_finishing_order_and_unfinished_ones_as_pending()
    {
        var (state, _) = SuggestAndDispatch(Created(), 0.01);
        (state, _) = SuggestAndDispatch(state, 0.02);
        state = Run(state, new AddSuggestion(Config(0.03))).State;
        state = Run(state, new CompleteTrial(1, 1, 0.7)).State;
        state = Run(state, new CompleteTrial(0, 1, 0.2)).State;
        var context = state.ToSuggestionContext();
        context.Observations.Select(o => o.Configuration["lr"].AsDouble()).ShouldBe([0.02, 0.01]);
        context.Pending.Select(c => c["lr"].AsDouble()).ShouldBe([0.03]);
        state.Best!.Number.ShouldBe(0);
    }

    [Fact]
    public void A_released_attempt_is_queued_again_without_counting_against_the_retry_limit()
    {
        var (state, a1) = SuggestAndDispatch(Created(), 0.01);
        state = Run(state, new ReportIntermediate(0, a1.Attempt, 1, 0.7)).State;
        var attempt = a1.Attempt;
        for (var i = 0; i < 6; i++)
        {
            (state, var reply) = Run(state, new ReleaseTrial(0, attempt, "the run was stopped"));
            reply.ShouldBe(Accepted.Instance);
            state.Trials[0].State.ShouldBe(TrialState.Queued);
            state.Trials[0].Intermediate.ShouldBeEmpty();
            var assigned = Run(state, new RequestTrial("w1", T0));
            state = assigned.State;
            attempt = assigned.Reply.ShouldBeOfType<TrialAssigned>().Attempt;
        }

        state = Run(state, new ReleaseTrial(0, attempt, "the run was stopped")).State;

        // MaxAttempts is 2: after six released attempts a lost one is still retried once.
        state = Run(state, new RequestTrial("w1", T0)).State;
        state = Run(state, new WorkerLost("w1")).State;
        state.Trials[0].State.ShouldBe(TrialState.Queued);
        state = Run(state, new RequestTrial("w1", T0)).State;
        state = Run(state, new WorkerLost("w1")).State;
        state.Trials[0].State.ShouldBe(TrialState.Failed);
        state.Trials[0].Error!.ShouldContain("gave up after 2 attempts");
    }

    [Fact]
    public void Releasing_a_stale_attempt_changes_nothing()
    {
        var (state, a1) = SuggestAndDispatch(Created(), 0.01);
        state = Run(state, new CompleteTrial(0, a1.Attempt, 0.4)).State;
        var decision = StudyDecisions.Decide(state, new ReleaseTrial(0, a1.Attempt, "stopped"));
        decision.Events.ShouldBeEmpty();
        decision.Reply.ShouldBeOfType<Stale>();
    }
}
