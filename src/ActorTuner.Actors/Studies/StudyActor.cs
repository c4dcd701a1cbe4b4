using ActorTuner.Core.Sampling;
using ActorTuner.Core.Studies;
using ActorTuner.Actors.Cluster;
using Akka.Actor;
using Akka.Cluster;
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
    private const string AnnounceTimer = "announce";
    private readonly Func<StudyState, ISampler> _samplerFor;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leaseCheck;
    private readonly int _snapshotEvery;
    private readonly StudyInCluster? _cluster;
    private readonly List<(RequestTrial Request, IActorRef Sender)> _waiting = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private StudyState _state = StudyState.Empty;
    private StudyState _durable = StudyState.Empty;
    private ISampler? _sampler;
    private bool _suggesting;

    /// <summary>
    /// Creates the actor; <paramref name="samplerFor"/> builds the sampler once the study exists, leases are
    /// checked against <paramref name="time"/> every <paramref name="leaseCheck"/>, and the state is
    /// snapshotted every <paramref name="snapshotEvery"/> events (0: never), so recovery replays at most that
    /// many events.
    /// </summary>
    /// <param name="name">The study's name.</param>
    /// <param name="samplerFor">Builds the sampler once the study exists.</param>
    /// <param name="time">The clock leases are checked against.</param>
    /// <param name="leaseCheck">How often leases are checked.</param>
    /// <param name="snapshotEvery">Events between snapshots (0: never).</param>
    /// <param name="cluster">When hosted in a cluster: where to announce the study, and that attempts of workers on removed nodes are requeued.</param>
    public StudyActor(string name, Func<StudyState, ISampler> samplerFor, TimeProvider time, TimeSpan leaseCheck, int snapshotEvery, StudyInCluster? cluster = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(snapshotEvery);
        PersistenceId = PersistenceIdOf(name);
        _samplerFor = samplerFor;
        _time = time;
        _leaseCheck = leaseCheck;
        _snapshotEvery = snapshotEvery;
        _cluster = cluster;
        Recover<SnapshotOffer>(offer => _state = _durable = (StudyState)offer.Snapshot);
        Recover<StudyEvent>(e => _state = _durable = _state.Apply(e));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.Warning("study {0}: snapshot at {1} not saved: {2}", PersistenceId, f.Metadata.SequenceNr, f.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning("study {0}: old snapshots not deleted: {1}", PersistenceId, f.Cause.Message));
        Command<GetStudy>(_ =>
        {
            Sender.Tell(new GetStudyResult(_durable, _suggesting));

            // A sharded entity started only to be asked about a study nobody created (a typo in
            // `actortuner status NAME`) is not kept: passivating also drops it from the remembered set.
            if (_cluster is not null && !_state.IsCreated)
            {
                Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(PoisonPill.Instance));
            }
        });
        Command<RequestTrial>(Handle);
        Command<SuggestionReady>(Handle);
        Command<SuggestionFailed>(Handle);
        Command<ServeWaiting>(Handle);
        Command<CheckLeases>(_ => Execute(new ExpireLeases(_time.GetUtcNow()), Self));
        Command<AnnounceTick>(_ => Announce());
        Command<ClusterEvent.MemberRemoved>(Handle);
        Command<ClusterEvent.CurrentClusterState>(Handle);
        Command<StudyReply>(_ => { }); // replies to our own lease checks
        Command<StudyCommand>(c => Execute(c, Sender));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The persistence id of the study called <paramref name="name"/>: <c>study-{name}</c>.</summary>
    public static string PersistenceIdOf(string name) => $"study-{name}";

    /// <summary>The sampler a study's journal names (<see cref="StudyState.Sampler"/>), seeded with the study's seed.</summary>
    public static ISampler JournalledSampler(StudyState study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return Surrogates.SamplerFactory.Create(study.Sampler, study.Settings!.Seed);
    }

    /// <summary>Props for the study called <paramref name="name"/>, on the system clock, leases checked every 5 s, a snapshot every 500 events.</summary>
    public static Props Props(string name, Func<StudyState, ISampler> samplerFor) =>
        Props(name, samplerFor, TimeProvider.System, TimeSpan.FromSeconds(5));

    /// <summary>Props with an injected clock, lease-check interval and snapshot interval.</summary>
    public static Props Props(string name, Func<StudyState, ISampler> samplerFor, TimeProvider time, TimeSpan leaseCheck, int snapshotEvery = 500) =>
        Akka.Actor.Props.Create(() => new StudyActor(name, samplerFor, time, leaseCheck, snapshotEvery, null));

    /// <summary>Props for a study hosted in a cluster (a sharded entity): it announces itself and requeues the attempts of removed nodes' workers.</summary>
    public static Props Props(string name, Func<StudyState, ISampler> samplerFor, TimeProvider time, TimeSpan leaseCheck, int snapshotEvery, StudyInCluster cluster) =>
        Akka.Actor.Props.Create(() => new StudyActor(name, samplerFor, time, leaseCheck, snapshotEvery, cluster));

    /// <summary>
    /// Props for the study under a backoff supervisor: when the journal fails (the database is gone) the study
    /// stops, as Akka.Persistence stops an actor whose persist failed, and is started again after
    /// <paramref name="minBackoff"/>, doubling up to <paramref name="maxBackoff"/>; it recovers from the journal
    /// each time. Messages sent to the supervisor go to the study while it runs (and to dead letters while it
    /// backs off: workers ask again).
    /// </summary>
    public static Props Supervised(Props study, TimeSpan minBackoff, TimeSpan maxBackoff) =>
        Akka.Pattern.BackoffSupervisor.Props(Akka.Pattern.Backoff.OnStop(study, "study", minBackoff, maxBackoff, randomFactor: 0.2, maxNrOfRetries: -1)
            .WithAutoReset(maxBackoff));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Timers.StartPeriodicTimer(LeaseTimer, CheckLeases.Instance, _leaseCheck);
        if (_cluster is { } cluster)
        {
            Timers.StartPeriodicTimer(AnnounceTimer, AnnounceTick.Instance, cluster.AnnounceEvery);
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.MemberRemoved));
        }

        base.PreStart();
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_cluster is not null)
        {
            Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        }

        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        Announce();
    }

    private void Announce()
    {
        if (_cluster is { } cluster && _durable.IsCreated)
        {
            cluster.Announcements.Tell(StudyAnnouncement.Of(_durable, Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString()));
        }
    }

    /// <summary>
    /// A node left the cluster for good (it left, or the split-brain resolver downed it): the attempts its
    /// workers ran are requeued now rather than when their leases run out. Worker ids start with the node's
    /// address and incarnation (<see cref="Cluster.WorkerNode.WorkerIdPrefix"/>), so a node restarted on the same
    /// port keeps its new attempts.
    /// </summary>
    private void Handle(ClusterEvent.MemberRemoved removed)
    {
        var prefix = Cluster.WorkerNode.WorkerIdPrefix(removed.Member.UniqueAddress);
        LoseWorkers(w => w.StartsWith(prefix, StringComparison.Ordinal), $"node {removed.Member.Address} was removed");
    }

    /// <summary>
    /// The cluster when the study started on this node (after a full restart, or re-hosted after its coordinator
    /// died): attempts of worker nodes that are no longer members cannot finish, and the
    /// <see cref="ClusterEvent.MemberRemoved"/> that would have requeued them went to an earlier host or to
    /// nobody. They are requeued now; waiting for their leases held the study's parallelism for the whole lease
    /// (5 minutes by default), so a study restarted with every slot taken by a dead node's attempt ran nothing.
    /// </summary>
    private void Handle(ClusterEvent.CurrentClusterState cluster)
    {
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
        var nodeWorker = $"{self.Protocol}://{self.System}@";
        var members = cluster.Members.Select(m => Cluster.WorkerNode.WorkerIdPrefix(m.UniqueAddress)).ToList();
        LoseWorkers(
            w => w.StartsWith(nodeWorker, StringComparison.Ordinal) && !members.Any(m => w.StartsWith(m, StringComparison.Ordinal)),
            "its node is no longer in the cluster");
    }

    /// <summary>Requeues the running attempts of every worker <paramref name="gone"/> selects (<see cref="WorkerLost"/>).</summary>
    private void LoseWorkers(Func<string, bool> gone, string why)
    {
        var lost = _state.Trials.Where(t => t.State == TrialState.Running && t.Worker is { } w && gone(w))
            .Select(t => t.Worker!).Distinct(StringComparer.Ordinal).ToList();
        foreach (var worker in lost)
        {
            _log.Info("study {0}: requeueing the attempts of worker {1}: {2}", PersistenceId, worker, why);
            Execute(new WorkerLost(worker), Self);
        }
    }

    /// <summary>
    /// A cluster worker asks for a trial only when it runs none, so an attempt still running under its id is one
    /// whose assignment never reached it: the reply was lost with a coordinator that died, or came after the
    /// worker's ask had timed out. That attempt is released (not counted as failed) before the request is
    /// decided; otherwise it would hold a slot of the study's parallelism until its lease ran out.
    /// </summary>
    private void ReleaseUndelivered(string worker)
    {
        foreach (var t in _state.Trials.Where(t => t.State == TrialState.Running && t.Worker == worker).ToList())
        {
            _log.Info("study {0}: worker {1} asks for a trial while trial {2} attempt {3} is assigned to it; the assignment never reached it, releasing it", PersistenceId, worker, t.Number, t.Attempt);
            Execute(new ReleaseTrial(t.Number, t.Attempt, $"the assignment never reached worker {worker}"), Self);
        }
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Nothing that depended on this write (a dispatch, an acknowledgement) has been sent: replies wait for
        // the journal. The actor stops; a backoff supervisor starts it again and it recovers.
        _log.Error(cause, "study {0}: the journal refused event {1} at {2}; stopping, to recover from the journal", PersistenceId, @event.GetType().Name, sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The journal refused the event but stays up; the decision was already folded, so start over from the
        // journal rather than go on from a state it does not hold.
        base.OnPersistRejected(cause, @event, sequenceNr);
        _log.Error(cause, "study {0}: the journal rejected event {1} at {2}; restarting from the journal", PersistenceId, @event.GetType().Name, sequenceNr);
        Context.Stop(Self);
    }

    private void Handle(RequestTrial request) => Handle(request, Sender);

    /// <summary>
    /// Decisions fold their events at once (the next command must see them), but nothing that depends on them
    /// leaves the actor before the journal has them: replies wait in <see cref="Reply"/>. Writes are
    /// asynchronous, so the journal batches the events of many commands into one transaction. If a write fails
    /// the actor stops and recovers from the journal, dropping the decisions that were never confirmed, and
    /// their replies with them. Snapshots are taken of the confirmed state only.
    /// </summary>
    private void Record(IReadOnlyCollection<StudyEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        _state = _state.ApplyAll(events);

        // Workers learn of new work from announcements: tell them at once (once the whole batch is in the
        // journal) when the study starts, grows, changes its objective or has an attempt to run again, and
        // followers (submit --wait) when it is done.
        var announce = events.Any(e => e is StudyCreated or BudgetChanged or ObjectiveSet or TrialRequeued or TrialReleased)
            || (_state.IsDone && events.Any(e => e is TrialCompleted or TrialFailed));
        var last = events.Last();
        PersistAllAsync(events, e =>
        {
            _durable = _durable.Apply(e);
            if (announce && ReferenceEquals(e, last))
            {
                Announce();
            }

            if (_snapshotEvery > 0 && LastSequenceNr % _snapshotEvery == 0)
            {
                SaveSnapshot(_durable);
            }
        });
    }

    /// <summary>Sends <paramref name="reply"/> once every event recorded so far is in the journal.</summary>
    private void Reply(StudyReply reply, IActorRef sender) => DeferAsync(reply, r => sender.Tell(r));

    private void Handle(SuggestionReady ready)
    {
        _suggesting = false;

        // Each suggestion is decided against the state the previous one leaves, so a batch gets consecutive
        // trial numbers; they are journalled together.
        var state = _state;
        var events = new List<StudyEvent>();
        foreach (var configuration in ready.Configurations)
        {
            var decision = StudyDecisions.Decide(state, new AddSuggestion(configuration));
            if (decision.Reply is Rejected rejected)
            {
                _log.Warning("study {0}: suggestion not queued: {1}", PersistenceId, rejected.Why);
            }

            events.AddRange(decision.Events);
            state = state.ApplyAll(decision.Events);
        }

        Record(events);
        Self.Tell(ServeWaiting.Instance);
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
        // Every decision folds its events at once, so each request sees the trials the previous one took.
        var waiting = _waiting.ToList();
        _waiting.Clear();
        foreach (var (request, sender) in waiting)
        {
            Handle(request, sender);
        }
    }

    private void Handle(RequestTrial request, IActorRef sender)
    {
        request = OnOurClock(request);
        if (_cluster is not null)
        {
            ReleaseUndelivered(request.Worker);
        }

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

        // As many suggestions as there are parked requests (a batch, with the pending points as lies), but
        // never more than the budget still needs.
        var needed = _state.Budget - _state.Trials.Count;
        var count = Math.Min(Math.Max(1, _waiting.Count), needed);
        if (count <= 0)
        {
            return;
        }

        _sampler ??= _samplerFor(_state);
        var sampler = _sampler;
        var context = _state.ToSuggestionContext();
        _suggesting = true;
        Task.Run(() => sampler.Suggest(context, count))
            .PipeTo(Self, success: c => new SuggestionReady([.. c]), failure: e => new SuggestionFailed(e));
    }

    private void Execute(StudyCommand command, IActorRef sender) =>
        Persist(StudyDecisions.Decide(_state, command is RenewLease renew ? OnOurClock(renew) : command), sender);

    // In a cluster, workers' clocks are other machines' clocks: leases are stamped with the study's own, against
    // which they are checked, so a worker whose clock runs behind cannot lose (or keep) a lease early (or late).
    private RequestTrial OnOurClock(RequestTrial request) => _cluster is null ? request : request with { Now = _time.GetUtcNow() };

    private RenewLease OnOurClock(RenewLease renew) => _cluster is null ? renew : renew with { Now = _time.GetUtcNow() };

    private void Persist(Decision decision, IActorRef sender)
    {
        // A dispatched trial's TrialAssigned, an acknowledgement, even a Stale (which may rest on events still
        // being written) leaves only after the journal has the events.
        Record(decision.Events);
        Reply(decision.Reply, sender);
    }
}
