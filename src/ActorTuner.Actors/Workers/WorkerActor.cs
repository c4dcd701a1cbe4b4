using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Studies;
using Akka.Actor;
using Akka.Event;

namespace ActorTuner.Actors.Workers;

/// <summary>
/// Runs trials of one study, one at a time, with one <see cref="IObjectiveRunner"/> (one worker slot). It
/// pulls work: asks the study for a trial, runs it off the mailbox, renews the lease while it runs, forwards
/// intermediate values, reports the outcome and asks again, until the study says it is done.
/// </summary>
/// <remarks>
/// Every command that must arrive (a request, a result, a release) is an ask with a timeout and is asked
/// again when no answer comes, so a study that restarts after a journal failure loses nothing: the study
/// answers a repeated result with <see cref="Stale"/>, and a trial assigned while the worker is busy or
/// stopping is handed back with <see cref="ReleaseTrial"/>. A renewal answered with <see cref="Stale"/>
/// means the attempt was taken away (its lease expired): the worker cancels it and moves on.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An actor's resources are released in PostStop.")]
public sealed class WorkerActor : ReceiveActor, IWithTimers
{
    private const string RenewTimer = "renew";
    private const string RetryTimer = "retry";
    private readonly IActorRef _study;
    private readonly string _id;
    private readonly IObjectiveRunner _runner;
    private readonly WorkerSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private TrialAssigned? _running;
    private CancellationTokenSource? _cancel;
    private bool _stopping;
    private bool _asking;
    private int _unacknowledged;
    private int _finished;

    /// <summary>Creates a worker called <paramref name="id"/> for <paramref name="study"/>.</summary>
    public WorkerActor(IActorRef study, string id, IObjectiveRunner runner, WorkerSettings settings)
    {
        _study = study;
        _id = id;
        _runner = runner;
        _settings = settings;
        Receive<StudyAnswered>(Handle);
        Receive<AttemptFinished>(Handle);
        Receive<AttemptReported>(r =>
        {
            if (IsRunning(r.Number, r.Attempt))
            {
                _study.Tell(new ReportIntermediate(r.Number, r.Attempt, r.Step, r.Value));
            }
        });
        Receive<RenewTick>(_ => Renew());
        Receive<AskAgain>(_ => AskForTrial());
        Receive<StopWorker>(_ => Stop());
        Receive<GetWorker>(_ => Sender.Tell(new GetWorkerResult(_id, _running?.Number, _running?.Attempt, _finished)));
        Receive<Stale>(Handle);
        Receive<StudyReply>(_ => { }); // answers to renewals and reports
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a worker.</summary>
    public static Props Props(IActorRef study, string id, IObjectiveRunner runner, WorkerSettings? settings = null) =>
        Akka.Actor.Props.Create(() => new WorkerActor(study, id, runner, settings ?? WorkerSettings.Default));

    /// <inheritdoc />
    protected override void PreStart() => AskForTrial();

    /// <inheritdoc />
    protected override void PostStop()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }

    private bool IsRunning(int number, int attempt) => _running is { } r && r.Number == number && r.Attempt == attempt;

    private void AskForTrial()
    {
        if (_stopping)
        {
            StopIfIdle();
            return;
        }

        if (_asking || _running is not null)
        {
            return;
        }

        _asking = true;
        Ask(new RequestTrial(_id, _settings.Time.GetUtcNow()));
    }

    // A result or a release must be acknowledged before the worker may stop: until then it is asked again.
    private void AskToAcknowledge(StudyCommand command)
    {
        _unacknowledged++;
        Ask(command);
    }

    private void Ask(StudyCommand command)
    {
        _study.Ask<StudyReply>(command, _settings.AskTimeout)
            .PipeTo(Self, success: r => new StudyAnswered(command, r, null), failure: e => new StudyAnswered(command, null, e));
    }

    private void StopIfIdle()
    {
        if (_stopping && _running is null && !_asking && _unacknowledged == 0)
        {
            Context.Stop(Self);
        }
    }

    private void Handle(StudyAnswered answer)
    {
        if (answer.Command is RequestTrial)
        {
            _asking = false;
            OnTrialAnswer(answer);
            return;
        }

        if (answer.Failure is not null)
        {
            _log.Warning("worker {0}: the study did not acknowledge {1} ({2}); sending it again", _id, answer.Command, answer.Failure.Message);
            Ask(answer.Command);
            return;
        }

        _unacknowledged--;
        if (answer.Command is CompleteTrial or FailTrial)
        {
            _finished++;
        }

        AskForTrial();
        StopIfIdle();
    }

    private void OnTrialAnswer(StudyAnswered answer)
    {
        switch (answer.Reply)
        {
            case TrialAssigned assigned when _stopping || _running is not null:
                AskToAcknowledge(new ReleaseTrial(assigned.Number, assigned.Attempt, _stopping ? $"worker {_id} is stopping" : $"worker {_id} is busy"));
                break;
            case TrialAssigned assigned:
                Start(assigned);
                break;
            case NoTrial { StudyDone: true }:
                _stopping = true;
                StopIfIdle();
                break;
            case null:
                // No answer in time: the study may be restarting. Ask again.
                _log.Info("worker {0}: no answer from the study ({1}); asking again", _id, answer.Failure?.Message);
                Timers.StartSingleTimer(RetryTimer, AskAgain.Instance, _settings.RetryEvery);
                break;
            default:
                // Nothing to run yet (parallelism reached, a suggestion failed, the study not yet created).
                if (_stopping || _settings.LeaveWhenIdle)
                {
                    _stopping = true;
                    StopIfIdle();
                    return;
                }

                Timers.StartSingleTimer(RetryTimer, AskAgain.Instance, _settings.RetryEvery);
                break;
        }
    }

    private void Start(TrialAssigned assigned)
    {
        _running = assigned;
        _cancel = new CancellationTokenSource();
        var self = Self;
        var trial = new Trial(assigned.Number, assigned.Attempt, assigned.Configuration,
            (step, value) => self.Tell(new AttemptReported(assigned.Number, assigned.Attempt, step, value)));
        var token = _cancel.Token;
        var runner = _runner;
        Task.Run(() => runner.RunAsync(trial, token), token).PipeTo(
            Self,
            success: outcome => new AttemptFinished(assigned.Number, assigned.Attempt, outcome, Cancelled: false),
            failure: e => e is OperationCanceledException || (e is AggregateException a && a.InnerException is OperationCanceledException)
                ? new AttemptFinished(assigned.Number, assigned.Attempt, null, Cancelled: true)
                : new AttemptFinished(assigned.Number, assigned.Attempt, TrialOutcome.Failed($"the objective runner failed: {e.GetBaseException().GetType().Name}: {e.GetBaseException().Message}"), Cancelled: false));
        var untilDeadline = assigned.LeaseDeadline - _settings.Time.GetUtcNow();
        var every = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(50).Ticks, Math.Min(_settings.RenewEvery.Ticks, untilDeadline.Ticks / 3)));
        Timers.StartPeriodicTimer(RenewTimer, RenewTick.Instance, every);
    }

    private void Renew()
    {
        if (_running is { } r)
        {
            _study.Tell(new RenewLease(r.Number, r.Attempt, _settings.Time.GetUtcNow()));
        }
    }

    private void Handle(Stale stale)
    {
        if (IsRunning(stale.Number, stale.Attempt))
        {
            // The study took the attempt away (its lease expired): whatever it returns would not be recorded.
            _log.Warning("worker {0}: trial {1} attempt {2} is no longer current ({3}); cancelling it", _id, stale.Number, stale.Attempt, stale.Why);
            _cancel?.Cancel();
        }
    }

    private void Handle(AttemptFinished finished)
    {
        if (!IsRunning(finished.Number, finished.Attempt))
        {
            return;
        }

        var stale = _cancel!.IsCancellationRequested && !_stopping;
        Timers.Cancel(RenewTimer);
        _cancel.Dispose();
        _cancel = null;
        _running = null;
        if (finished.Cancelled || finished.Outcome is null)
        {
            if (!stale)
            {
                AskToAcknowledge(new ReleaseTrial(finished.Number, finished.Attempt, $"cancelled: worker {_id} was stopped"));
            }

            AskForTrial();
            StopIfIdle();
            return;
        }

        // The result and the next request go together: the study folds both at once and the journal writes
        // them in one transaction, so a worker waits for one write per trial, not two.
        AskToAcknowledge(finished.Outcome switch
        {
            CompletedOutcome c => new CompleteTrial(finished.Number, finished.Attempt, c.Value),
            FailedOutcome f => new FailTrial(finished.Number, finished.Attempt, f.Reason, Retry: false),
            _ => throw new InvalidOperationException($"unknown outcome {finished.Outcome}"),
        });
        AskForTrial();
    }

    private void Stop()
    {
        _stopping = true;
        Timers.Cancel(RetryTimer);
        if (_running is not null)
        {
            _cancel?.Cancel();
        }

        StopIfIdle();
    }
}
