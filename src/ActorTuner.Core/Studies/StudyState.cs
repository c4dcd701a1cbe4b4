using System.Collections.Immutable;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Studies;

/// <summary>
/// The whole state of a study, an immutable fold of its events. <see cref="Apply"/> is total over the events
/// <see cref="StudyDecisions.Decide"/> can produce and throws on an event that does not fit the state (a
/// corrupt journal), so a recovered study is, by construction, the study that was running.
/// </summary>
public sealed record StudyState(
    StudySettings? Settings,
    SearchSpace? Space,
    string Sampler,
    int Budget,
    ImmutableList<StudyTrial> Trials,
    ImmutableList<int> FinishOrder)
{
    /// <summary>The state before the study is created.</summary>
    public static StudyState Empty { get; } = new(null, null, string.Empty, 0, [], []);

    /// <summary>What cluster workers run for this study (<see cref="ObjectiveSet"/>), or null when none was given.</summary>
    public StudyObjective? Objective { get; init; }

    /// <summary>True once <see cref="StudyCreated"/> has been applied.</summary>
    public bool IsCreated => Settings is not null;

    /// <summary>Finished trials (complete, failed, pruned).</summary>
    public int Finished => FinishOrder.Count;

    /// <summary>Trials dispatched to a worker.</summary>
    public int Running => Trials.Count(t => t.State == TrialState.Running);

    /// <summary>Trials waiting for a worker.</summary>
    public int Queued => Trials.Count(t => t.State == TrialState.Queued);

    /// <summary>Trials completed with a value.</summary>
    public int Completed => Trials.Count(t => t.State == TrialState.Complete);

    /// <summary>Trials failed (after their retries).</summary>
    public int Failed => Trials.Count(t => t.State == TrialState.Failed);

    /// <summary>Trials that count against the budget but have not finished.</summary>
    public int Unfinished => Trials.Count - Finished;

    /// <summary>True when the budget of finished trials is reached.</summary>
    public bool IsDone => IsCreated && Finished >= Budget;

    /// <summary>The complete trial with the best value in the study's direction (the earliest on ties), or null.</summary>
    public StudyTrial? Best
    {
        get
        {
            StudyTrial? best = null;
            foreach (var number in FinishOrder)
            {
                var t = Trials[number];
                if (t.State != TrialState.Complete || t.Value is not { } v || double.IsNaN(v))
                {
                    continue;
                }

                if (best is null || (Settings!.Direction == Direction.Minimize ? v < best.Value : v > best.Value))
                {
                    best = t;
                }
            }

            return best;
        }
    }

    /// <summary>
    /// What the sampler is shown: finished trials in the order they finished (pruned ones as failed) and
    /// every unfinished trial as pending.
    /// </summary>
    public SuggestionContext ToSuggestionContext()
    {
        var settings = Settings ?? throw new InvalidOperationException("the study has not been created");
        var observations = FinishOrder.Select(n => Trials[n]).Select(t =>
            t.State == TrialState.Complete && t.Value is { } v
                ? Observation.Completed(t.Configuration, v)
                : Observation.Failed(t.Configuration));
        var pending = Trials.Where(t => !t.IsFinished).Select(t => t.Configuration);
        return new SuggestionContext(Space!, settings.Direction, [.. observations], [.. pending]);
    }

    /// <summary>The state after <paramref name="e"/>.</summary>
    /// <exception cref="InvalidOperationException">The event does not fit the state; the message says why.</exception>
    public StudyState Apply(StudyEvent e) => e switch
    {
        StudyCreated c when !IsCreated => this with { Settings = c.Settings, Space = c.Space, Sampler = c.Sampler, Budget = c.Settings.Budget },
        StudyCreated => throw Corrupt(e, "the study was already created"),
        TrialSuggested s when s.Number == Trials.Count => this with
        {
            Trials = Trials.Add(new StudyTrial(s.Number, s.Configuration, TrialState.Queued, 0, null, null, null, null, [])),
        },
        TrialSuggested => throw Corrupt(e, $"the next trial number is {Trials.Count}"),
        TrialDispatched d => Update(d, d.Number, t => t.State == TrialState.Queued && d.Attempt == t.Attempt + 1,
            t => t with { State = TrialState.Running, Attempt = d.Attempt, Worker = d.Worker, LeaseDeadline = d.LeaseDeadline }),
        LeaseRenewed r => Update(r, r.Number, t => IsCurrent(t, r.Attempt), t => t with { LeaseDeadline = r.LeaseDeadline }),
        TrialReported r => Update(r, r.Number, t => IsCurrent(t, r.Attempt),
            t => t with { Intermediate = t.Intermediate.Add(new IntermediateValue(r.Step, r.Value)) }),
        TrialCompleted c => Finish(Update(c, c.Number, t => IsCurrent(t, c.Attempt),
            t => t with { State = TrialState.Complete, Value = c.Value, Worker = null, LeaseDeadline = null }), c.Number),
        TrialFailed f => Finish(Update(f, f.Number, t => !t.IsFinished && t.Attempt == f.Attempt,
            t => t with { State = TrialState.Failed, Error = f.Reason, Worker = null, LeaseDeadline = null }), f.Number),
        TrialRequeued q => Update(q, q.Number, t => IsCurrent(t, q.Attempt),
            t => t with { State = TrialState.Queued, Error = q.Reason, Worker = null, LeaseDeadline = null, Intermediate = [] }),
        TrialReleased q => Update(q, q.Number, t => IsCurrent(t, q.Attempt),
            t => t with { State = TrialState.Queued, Released = t.Released + 1, Worker = null, LeaseDeadline = null, Intermediate = [] }),
        ObjectiveSet o when IsCreated => this with { Objective = o.Objective },
        ObjectiveSet => throw Corrupt(e, "the study was not created"),
        BudgetChanged b when IsCreated && b.Budget >= Finished => this with { Budget = b.Budget },
        BudgetChanged => throw Corrupt(e, $"a budget below the {Finished} finished trials"),
        _ => throw new InvalidOperationException($"unknown study event {e.GetType().Name}"),
    };

    /// <summary>Folds <paramref name="events"/> into this state.</summary>
    public StudyState ApplyAll(IEnumerable<StudyEvent> events) => events.Aggregate(this, (s, e) => s.Apply(e));

    private static bool IsCurrent(StudyTrial t, int attempt) => t.State == TrialState.Running && t.Attempt == attempt;

    private StudyState Update(StudyEvent e, int number, Func<StudyTrial, bool> fits, Func<StudyTrial, StudyTrial> change)
    {
        if (number < 0 || number >= Trials.Count)
        {
            throw Corrupt(e, $"there is no trial {number}");
        }

        var trial = Trials[number];
        return fits(trial)
            ? this with { Trials = Trials.SetItem(number, change(trial)) }
            : throw Corrupt(e, $"trial {number} is {trial.State} at attempt {trial.Attempt}");
    }

    private static StudyState Finish(StudyState state, int number) => state with { FinishOrder = state.FinishOrder.Add(number) };

    private InvalidOperationException Corrupt(StudyEvent e, string why) =>
        new($"study '{Settings?.Name}': event {e} does not fit the state: {why}");
}
