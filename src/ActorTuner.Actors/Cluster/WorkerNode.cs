using System.Collections.Immutable;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Workers;
using ActorTuner.Core.Objectives;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// A worker node's slots. It listens to study announcements and, whenever a slot is free, gives it to a study
/// that wants trials run, whose required tags the node has and whose objective it can run: a
/// <see cref="WorkerActor"/> for that slot pulls trials from the study (through the shard region) until the
/// study has nothing for it, then the slot is free again. Each slot keeps its own objective runner per study,
/// so a persistent objective process lives across trials.
/// </summary>
/// <remarks>
/// A slot sticks to a study while the study keeps giving it trials: one round trip per trial, the result and
/// the next request in one message. Announcements are hints; only the study hands out trials.
/// </remarks>
public sealed class WorkerNode : ReceiveActor, IWithTimers
{
    private const string StatusTimer = "status";
    private const string AssignTimer = "assign";
    private readonly WorkerNodeSettings _settings;
    private readonly IActorRef _studies;
    private readonly IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>> _registered;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, (StudyAnnouncement Announcement, DateTimeOffset Seen)> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _left = new(StringComparer.Ordinal);
    private readonly Dictionary<(int Slot, string Study), (StudyObjective Objective, IObjectiveRunner Runner)> _runners = [];
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly List<IActorRef> _stopRequesters = [];
    private readonly (IActorRef? Worker, string? Study, IActorRef? Route)[] _slots;
    private readonly string _idPrefix;
    private readonly string _node;
    private bool _stopping;

    /// <summary>Creates the node's slot keeper; <paramref name="studies"/> is the study shard region (or its proxy).</summary>
    public WorkerNode(WorkerNodeSettings settings, IActorRef studies, IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>> registered)
    {
        settings.Validate();
        _settings = settings;
        _studies = studies;
        _registered = registered;
        _slots = new (IActorRef?, string?, IActorRef?)[settings.Slots];
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        _idPrefix = WorkerIdPrefix(cluster.SelfUniqueAddress);
        _node = cluster.SelfAddress.ToString();
        Receive<StudyAnnouncement>(Handle);
        Receive<SubscribeAck>(_ => { });
        Receive<Terminated>(Handle);
        Receive<AssignTick>(_ => Assign());
        Receive<StatusTick>(_ => PublishStatus());
        Receive<WorkerNodeStatus>(status => DistributedPubSub.Get(Context.System).Mediator.Tell(new Publish(ClusterTopics.Workers, status)));
        Receive<GetWorkerNode>(_ => Sender.Tell(Status(_node, _settings, Busy(), new Dictionary<int, int?>())));
        Receive<StopWorkers>(_ => StopAll());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>
    /// The prefix of the ids of this node's workers: the node's address and incarnation, so a study can tell
    /// which attempts a removed node ran, and a node restarted on the same port is another node.
    /// </summary>
    public static string WorkerIdPrefix(UniqueAddress node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return $"{node.Address}#{node.Uid}/";
    }

    /// <summary>Props for a worker node.</summary>
    public static Props Props(WorkerNodeSettings settings, IActorRef studies, IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>>? registered = null) =>
        Akka.Actor.Props.Create(() => new WorkerNode(settings, studies, registered ?? ImmutableDictionary<string, Func<Trial, CancellationToken, Task<double>>>.Empty));

    /// <inheritdoc />
    protected override void PreStart()
    {
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(ClusterTopics.Studies, Self));
        Timers.StartPeriodicTimer(StatusTimer, StatusTick.Instance, _settings.StatusEvery);
        Timers.StartPeriodicTimer(AssignTimer, AssignTick.Instance, TimeSpan.FromSeconds(1));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var (_, runner) in _runners.Values)
        {
            Dispose(runner);
        }

        _runners.Clear();
    }

    private DateTimeOffset Now => _settings.Worker.Time.GetUtcNow();

    private void Handle(StudyAnnouncement announcement)
    {
        _known[announcement.Study] = (announcement, Now);
        if (announcement.Done)
        {
            // The study is finished: its slots' runners (persistent processes) are no longer needed.
            foreach (var key in _runners.Keys.Where(k => k.Study == announcement.Study && !IsServing(k.Slot, k.Study)).ToList())
            {
                Dispose(_runners[key].Runner);
                _runners.Remove(key);
            }

            return;
        }

        if (announcement.Demand > 0)
        {
            Assign();
        }
    }

    private bool IsServing(int slot, string study) => _slots[slot].Worker is not null && _slots[slot].Study == study;

    private void Handle(Terminated terminated)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Equals(_slots[i].Worker, terminated.ActorRef))
            {
                // The study had nothing more for this slot: offer the slot to it again only once a newer
                // announcement says it wants more.
                _left[_slots[i].Study!] = Now;
                Context.Stop(_slots[i].Route!);
                _slots[i] = (null, null, null);
            }
        }

        if (_stopping)
        {
            ReplyIfStopped();
            return;
        }

        Assign();
    }

    private void Assign()
    {
        if (_stopping)
        {
            return;
        }

        var now = Now;
        foreach (var stale in _known.Where(k => now - k.Value.Seen > _settings.Forget).Select(k => k.Key).ToList())
        {
            _known.Remove(stale);
        }

        for (var slot = 0; slot < _slots.Length; slot++)
        {
            if (_slots[slot].Worker is not null)
            {
                continue;
            }

            // The study with the most unmet demand (counting the slots this node already gave it) goes first.
            var pick = _known.Values
                .Where(k => k.Announcement.Demand > 0 && (!_left.TryGetValue(k.Announcement.Study, out var left) || k.Seen > left))
                .Select(k => (k.Announcement, Unmet: k.Announcement.Demand - _slots.Count(s => s.Study == k.Announcement.Study && s.Worker is not null)))
                .Where(k => k.Unmet > 0 && CanRun(k.Announcement))
                .OrderByDescending(k => k.Unmet)
                .ThenBy(k => k.Announcement.Study, StringComparer.Ordinal)
                .Select(k => k.Announcement)
                .FirstOrDefault();
            if (pick is null)
            {
                return;
            }

            Start(slot, pick);
        }
    }

    private bool CanRun(StudyAnnouncement study)
    {
        var problem = study.Objective switch
        {
            null => "it was submitted without an objective",
            { } o when !o.RunsOn(_settings.Tags) => null, // another node's study: nothing to say
            { Registered: { } name } when !_registered.ContainsKey(name) => $"no in-process objective '{name}' is registered on this node",
            { Command: { } c } when ObjectiveProcess.CannotStart(c) is { } reason => reason,
            _ => string.Empty,
        };
        if (problem is null)
        {
            return false;
        }

        if (problem.Length > 0)
        {
            if (_refused.Add(study.Study + "\n" + problem))
            {
                _log.Warning("worker node {0}: not serving study {1}: {2}", _node, study.Study, problem);
            }

            return false;
        }

        return true;
    }

    private void Start(int slot, StudyAnnouncement study)
    {
        var objective = study.Objective!;
        var key = (slot, study.Study);
        if (!_runners.TryGetValue(key, out var held) || !held.Objective.SameAs(objective))
        {
            if (_runners.Remove(key, out var old))
            {
                Dispose(old.Runner);
            }

            held = (objective, CreateRunner(slot, objective));
            _runners[key] = held;
        }

        var route = Context.ActorOf(StudyRoute.Props(study.Study, _studies));
        var worker = Context.ActorOf(
            WorkerActor.Props(route, $"{_idPrefix}slot-{slot}", held.Runner, _settings.Worker),
            $"slot-{slot}-{Uri.EscapeDataString(study.Study)}-{Guid.NewGuid():N}");
        Context.Watch(worker);
        _slots[slot] = (worker, study.Study, route);
    }

    private IObjectiveRunner CreateRunner(int slot, StudyObjective objective)
    {
        if (objective.Registered is { } name)
        {
            return new DelegateObjectiveRunner(_registered[name]);
        }

        var spec = objective.Command!;
        if (_settings.Devices.Length > 0)
        {
            spec = spec with { Environment = spec.Environment.SetItem("CUDA_VISIBLE_DEVICES", _settings.Devices[slot % _settings.Devices.Length]) };
        }

        return CommandObjective.CreateRunner(spec, slot);
    }

    private void Dispose(IObjectiveRunner runner)
    {
        var log = _log;
        runner.DisposeAsync().AsTask().ContinueWith(
            t => log.Warning("worker node: an objective runner did not shut down cleanly: {0}", t.Exception?.GetBaseException().Message),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted,
            TaskScheduler.Default);
    }

    private List<(int Slot, string Study, IActorRef Worker)> Busy() =>
        [.. _slots.Select((s, i) => (s, i)).Where(x => x.s.Worker is not null).Select(x => (x.i, x.s.Study!, x.s.Worker!))];

    private static WorkerNodeStatus Status(string node, WorkerNodeSettings settings, List<(int Slot, string Study, IActorRef Worker)> busy, IReadOnlyDictionary<int, int?> trials) =>
        new(node, settings.Slots, settings.Tags, [.. busy.Select(b => new SlotUse(b.Slot, b.Study, trials.GetValueOrDefault(b.Slot)))]);

    private void PublishStatus()
    {
        // Ask each busy slot which trial it runs; publish what answered within a second. Everything the
        // continuation uses is captured here, on the actor's thread.
        var busy = Busy();
        var node = _node;
        var settings = _settings;
        var asks = busy.Select(async Task<(int Slot, int? Trial)> (b) =>
        {
            try
            {
                var r = await b.Worker.Ask<GetWorkerResult>(GetWorker.Instance, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                return (Slot: b.Slot, Trial: r.Trial);
            }
            catch (AskTimeoutException)
            {
                return (Slot: b.Slot, Trial: (int?)null);
            }
        });
        Task.WhenAll(asks).ContinueWith(
            t => Status(node, settings, busy, t.IsCompletedSuccessfully ? t.Result.ToDictionary(r => r.Slot, r => r.Trial) : new Dictionary<int, int?>()),
            TaskScheduler.Default).PipeTo(Self);
    }

    private void StopAll()
    {
        _stopping = true;
        _stopRequesters.Add(Sender);
        foreach (var (worker, _, _) in _slots)
        {
            worker?.Tell(StopWorker.Instance);
        }

        ReplyIfStopped();
    }

    private void ReplyIfStopped()
    {
        if (_slots.All(s => s.Worker is null))
        {
            foreach (var requester in _stopRequesters)
            {
                requester.Tell(Akka.Done.Instance);
            }

            _stopRequesters.Clear();
        }
    }
}
