using ActorTuner.Core.Sampling;
using ActorTuner.Core.Studies;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace ActorTuner.Actors.Studies;

/// <summary>
/// A persistent study. It only persists what <see cref="StudyDecisions.Decide"/> returns and folds it with
/// <see cref="StudyState.Apply"/>; recovery only applies. The sampler runs on the thread pool with a snapshot
/// of the study (<see cref="StudyState.ToSuggestionContext"/>) and pipes its suggestion back, so status
/// queries and results are handled while it computes. A worker asking for a trial when the queue is empty
/// is parked and answered as soon as a suggestion has been persisted.
/// </summary>
public sealed class StudyActor : ReceivePersistentActor, IWithTimers
{
    private const string LeaseTimer = "leases";
    private readonly Func<StudyState, ISampler> _samplerFor;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leaseCheck;
    private readonly List<(RequestTrial Request, IActorRef Sender)> _waiting = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private StudyState _state = StudyState.Empty;
    private ISampler? _sampler;
    private bool _suggesting;

    /// <summary>
    /// Creates the actor; <paramref name="samplerFor"/> builds the sampler once the study exists, leases are
    /// checked against <paramref name="time"/> every <paramref name="leaseCheck"/>.
    /// </summary>
    public StudyActor(string name, Func<StudyState, ISampler> samplerFor, TimeProvider time, TimeSpan leaseCheck)
    {
        PersistenceId = $"study-{name}";
        _samplerFor = samplerFor;
        _time = time;
        _leaseCheck = leaseCheck;
        Recover<StudyEvent>(e => _state = _state.Apply(e));
        Command<GetStudy>(_ => Sender.Tell(new GetStudyResult(_state, _suggesting)));
        Command<RequestTrial>(Handle);
        Command<SuggestionReady>(Handle);
        Command<SuggestionFailed>(Handle);
        Command<ServeWaiting>(Handle);
        Command<CheckLeases>(_ => Execute(new ExpireLeases(_time.GetUtcNow()), Self));
        Command<StudyReply>(_ => { }); // replies to our own lease checks
        Command<StudyCommand>(c => Execute(c, Sender));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for the study called <paramref name="name"/>, on the system clock, leases checked every 5 s.</summary>
    public static Props Props(string name, Func<StudyState, ISampler> samplerFor) =>
        Props(name, samplerFor, TimeProvider.System, TimeSpan.FromSeconds(5));

    /// <summary>Props with an injected clock and lease-check interval.</summary>
    public static Props Props(string name, Func<StudyState, ISampler> samplerFor, TimeProvider time, TimeSpan leaseCheck) =>
        Akka.Actor.Props.Create(() => new StudyActor(name, samplerFor, time, leaseCheck));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(LeaseTimer, CheckLeases.Instance, _leaseCheck);
        base.PreStart();
    }

    private void Handle(RequestTrial request) => Handle(request, Sender);

    private void Handle(SuggestionReady ready)
    {
        _suggesting = false;
        var decision = StudyDecisions.Decide(_state, new AddSuggestion(ready.Configuration));
        if (decision.Reply is Rejected rejected)
        {
            _log.Warning("study {0}: suggestion not queued: {1}", PersistenceId, rejected.Why);
        }

        // Parked requests are served by a message to self once the suggestion is journalled, so no persist
        // is ever started from inside another persist's handler.
        PersistAll(decision.Events, e => _state = _state.Apply(e));
        DeferAsync(ready, _ => Self.Tell(ServeWaiting.Instance));
    }

    private void Handle(SuggestionFailed failed)
    {
        _suggesting = false;
        _log.Error(failed.Cause, "study {0}: the sampler failed; will try again on the next request", PersistenceId);
        foreach (var (_, sender) in _waiting)
        {
            sender.Tell(new NoTrial(StudyDone: false, NeedsSuggestion: true));
        }

        _waiting.Clear();
    }

    private void Handle(ServeWaiting _)
    {
        var waiting = _waiting.ToList();
        _waiting.Clear();
        foreach (var (request, sender) in waiting)
        {
            Handle(request, sender);
        }
    }

    private void Handle(RequestTrial request, IActorRef sender)
    {
        var decision = StudyDecisions.Decide(_state, request);
        if (decision.Reply is NoTrial { NeedsSuggestion: true })
        {
            _waiting.Add((request, sender));
            StartSuggestion();
            return;
        }

        Persist(decision, sender);
    }

    private void StartSuggestion()
    {
        if (_suggesting)
        {
            return;
        }

        _sampler ??= _samplerFor(_state);
        var sampler = _sampler;
        var context = _state.ToSuggestionContext();
        _suggesting = true;
        Task.Run(() => sampler.Suggest(context, 1)[0])
            .PipeTo(Self, success: c => new SuggestionReady(c), failure: e => new SuggestionFailed(e));
    }

    private void Execute(StudyCommand command, IActorRef sender) => Persist(StudyDecisions.Decide(_state, command), sender);

    private void Persist(Decision decision, IActorRef sender)
    {
        if (decision.Events.IsEmpty)
        {
            sender.Tell(decision.Reply);
            return;
        }

        // No reply (a dispatched trial, say) leaves before its events are in the journal.
        PersistAll(decision.Events, e => _state = _state.Apply(e));
        DeferAsync(decision.Reply, reply => sender.Tell(reply));
    }
}
