using System.Collections.Immutable;

namespace ActorTuner.Core.Studies;

/// <summary>
/// The study's decisions as a pure function: <see cref="Decide"/> turns a command and the current state into
/// events (to persist, then apply) and a reply. Results are recorded exactly once: a result for an attempt
/// that is not the current running one is <see cref="Stale"/> and changes nothing. Execution is at least once:
/// a lost attempt is requeued with attempt + 1 until <see cref="StudySettings.MaxAttempts"/>, then failed.
/// </summary>
public static class StudyDecisions
{
    /// <summary>Decides what <paramref name="command"/> does to <paramref name="state"/>.</summary>
    public static Decision Decide(StudyState state, StudyCommand command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (command is CreateStudy create)
        {
            return Create(state, create);
        }

        if (!state.IsCreated)
        {
            return Decision.Only(new Rejected("the study does not exist yet"));
        }

        return command switch
        {
            AddSuggestion s => Suggest(state, s),
            RequestTrial r => Dispatch(state, r),
            RenewLease r => WithCurrent(state, r.Number, r.Attempt, t =>
                new Decision([new LeaseRenewed(t.Number, t.Attempt, r.Now + state.Settings!.Lease)], Accepted.Instance)),
            ReportIntermediate r => WithCurrent(state, r.Number, r.Attempt, t =>
                double.IsFinite(r.Value)
                    ? new Decision([new TrialReported(t.Number, t.Attempt, r.Step, r.Value)], Accepted.Instance)
                    : Decision.Only(new Rejected($"trial {t.Number}: intermediate value {r.Value} is not a finite number"))),
            CompleteTrial c when double.IsNaN(c.Value) => Decide(state, new FailTrial(c.Number, c.Attempt, "the objective returned NaN", Retry: false)),
            CompleteTrial c => WithCurrent(state, c.Number, c.Attempt, t =>
                new Decision([new TrialCompleted(t.Number, t.Attempt, c.Value)], Accepted.Instance)),
            FailTrial f => WithCurrent(state, f.Number, f.Attempt, t => new Decision([Lose(state, t, f.Reason, f.Retry)], Accepted.Instance)),
            ReleaseTrial r => WithCurrent(state, r.Number, r.Attempt, t => new Decision([new TrialReleased(t.Number, t.Attempt, r.Reason)], Accepted.Instance)),
            ExpireLeases e => Many(state.Trials
                .Where(t => t.State == TrialState.Running && t.LeaseDeadline < e.Now)
                .Select(t => Lose(state, t, $"lease expired at {t.LeaseDeadline:O} (worker {t.Worker})", retry: true))),
            WorkerLost w => Many(state.Trials
                .Where(t => t.State == TrialState.Running && t.Worker == w.Worker)
                .Select(t => Lose(state, t, $"worker {w.Worker} was lost", retry: true))),
            ChangeBudget b when b.Budget < state.Finished => Decision.Only(new Rejected($"study '{state.Settings!.Name}': trials = {b.Budget} is below the {state.Finished} trials already finished")),
            ChangeBudget b when b.Budget == state.Budget => Decision.Only(Accepted.Instance),
            ChangeBudget b => new Decision([new BudgetChanged(b.Budget)], Accepted.Instance),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "unknown study command"),
        };
    }

    private static Decision Create(StudyState state, CreateStudy create)
    {
        try
        {
            create.Settings.Validate();
        }
        catch (ArgumentException e)
        {
            return Decision.Only(new Rejected(e.Message));
        }

        if (create.Objective is { } objective)
        {
            try
            {
                objective.Validate();
            }
            catch (ArgumentException e)
            {
                return Decision.Only(new Rejected($"study '{create.Settings.Name}': {e.Message}"));
            }
        }

        if (!state.IsCreated)
        {
            StudyEvent created = new StudyCreated(create.Settings, create.Space, create.Sampler);
            return new Decision(create.Objective is { } o ? [created, new ObjectiveSet(o)] : [created], Accepted.Instance);
        }

        var existing = state.Settings!;
        if (existing.Direction != create.Settings.Direction || !SameSpace(state, create))
        {
            return Decision.Only(new Rejected($"study '{existing.Name}' exists with another direction or search space; use a new name"));
        }

        // Resuming with a larger (or smaller, not below what finished) budget extends the study in place; a
        // resubmission with another objective (a fixed script, a moved folder) replaces it for trials to come.
        var budget = create.Settings.Budget == state.Budget
            ? Decision.Only(Accepted.Instance)
            : Decide(state, new ChangeBudget(create.Settings.Budget));
        return create.Objective is { } changed && !changed.SameAs(state.Objective) && budget.Reply is Accepted
            ? budget with { Events = budget.Events.Add(new ObjectiveSet(changed)) }
            : budget;
    }

    private static bool SameSpace(StudyState state, CreateStudy create) =>
        state.Space!.Parameters.SequenceEqual(create.Space.Parameters);

    private static Decision Suggest(StudyState state, AddSuggestion s)
    {
        if (state.Finished + state.Unfinished >= state.Budget)
        {
            return Decision.Only(new Rejected("the budget needs no more trials"));
        }

        try
        {
            state.Space!.Validate(s.Configuration);
        }
        catch (ArgumentException e)
        {
            return Decision.Only(new Rejected($"the suggestion is not in the search space: {e.Message}"));
        }

        return new Decision([new TrialSuggested(state.Trials.Count, s.Configuration)], Accepted.Instance);
    }

    private static Decision Dispatch(StudyState state, RequestTrial r)
    {
        if (state.IsDone)
        {
            return Decision.Only(new NoTrial(StudyDone: true, NeedsSuggestion: false));
        }

        if (state.Running >= state.Settings!.Parallelism)
        {
            return Decision.Only(new NoTrial(StudyDone: false, NeedsSuggestion: false));
        }

        var queued = state.Trials.FirstOrDefault(t => t.State == TrialState.Queued);
        if (queued is null)
        {
            var needs = state.Finished + state.Unfinished < state.Budget;
            return Decision.Only(new NoTrial(StudyDone: false, NeedsSuggestion: needs));
        }

        var deadline = r.Now + state.Settings.Lease;
        var attempt = queued.Attempt + 1;
        return new Decision(
            [new TrialDispatched(queued.Number, attempt, r.Worker, deadline)],
            new TrialAssigned(queued.Number, attempt, queued.Configuration, deadline));
    }

    private static Decision WithCurrent(StudyState state, int number, int attempt, Func<StudyTrial, Decision> decide)
    {
        if (number < 0 || number >= state.Trials.Count)
        {
            return Decision.Only(new Rejected($"there is no trial {number}"));
        }

        var t = state.Trials[number];
        if (t.State != TrialState.Running || t.Attempt != attempt)
        {
            return Decision.Only(new Stale(number, attempt, $"trial {number} is {t.State} at attempt {t.Attempt}"));
        }

        return decide(t);
    }

    private static StudyEvent Lose(StudyState state, StudyTrial t, string reason, bool retry) =>
        retry && t.FailedAttempts < state.Settings!.MaxAttempts
            ? new TrialRequeued(t.Number, t.Attempt, reason)
            : new TrialFailed(t.Number, t.Attempt, retry ? $"{reason}; gave up after {t.FailedAttempts} attempts" : reason);

    private static Decision Many(IEnumerable<StudyEvent> events) => new([.. events], Accepted.Instance);
}
