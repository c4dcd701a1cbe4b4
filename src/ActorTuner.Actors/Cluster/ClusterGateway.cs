using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// Every node's front door, at <see cref="Path"/> and registered with the cluster-client receptionist, so
/// <c>actortuner submit</c> and <c>status</c> reach the cluster from outside it: a
/// <see cref="ShardingEnvelope"/> goes to the study it names (the reply returns to the asker), and
/// <see cref="GetCluster"/> is answered from the cluster's membership and the announcements the node heard.
/// </summary>
public sealed class ClusterGateway : ReceiveActor
{
    /// <summary>The gateway's name under <c>/user</c>.</summary>
    public const string Name = "actortuner";

    /// <summary>The gateway's path on every node.</summary>
    public const string Path = "/user/" + Name;

    private readonly Dictionary<string, (StudyAnnouncement Announcement, DateTimeOffset Seen)> _studies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (WorkerNodeStatus Status, DateTimeOffset Seen)> _workers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _forget;

    /// <summary>Creates the gateway in front of the study shard region (or proxy) <paramref name="studies"/>.</summary>
    public ClusterGateway(IActorRef studies, TimeProvider time, TimeSpan forget)
    {
        _time = time;
        _forget = forget;
        Receive<ShardingEnvelope>(envelope => studies.Forward(envelope));
        Receive<StudyAnnouncement>(a => _studies[a.Study] = (a, _time.GetUtcNow()));
        Receive<WorkerNodeStatus>(s => _workers[s.Node] = (s, _time.GetUtcNow()));
        Receive<SubscribeAck>(_ => { });
        Receive<GetCluster>(_ => Sender.Tell(Snapshot()));
    }

    /// <summary>Props for the gateway; announcements older than 15 s are left out of <see cref="GetClusterResult"/>.</summary>
    public static Props Props(IActorRef studies) => Akka.Actor.Props.Create(() => new ClusterGateway(studies, TimeProvider.System, TimeSpan.FromSeconds(15)));

    /// <inheritdoc />
    protected override void PreStart()
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        mediator.Tell(new Subscribe(ClusterTopics.Studies, Self));
        mediator.Tell(new Subscribe(ClusterTopics.Workers, Self));
    }

    private GetClusterResult Snapshot()
    {
        var state = Akka.Cluster.Cluster.Get(Context.System).State;
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m => new ClusterMemberInfo(m.Address.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], m.Status.ToString(), !state.Unreachable.Contains(m)))
            .ToImmutableArray();
        var up = members.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
        var now = _time.GetUtcNow();
        var workers = _workers.Values.Where(w => up.Contains(w.Status.Node) && now - w.Seen <= _forget)
            .Select(w => w.Status).OrderBy(w => w.Node, StringComparer.Ordinal).ToImmutableArray();
        var studies = _studies.Values.Where(s => now - s.Seen <= _forget)
            .Select(s => s.Announcement).OrderBy(s => s.Study, StringComparer.Ordinal).ToImmutableArray();
        return new GetClusterResult(members, workers, studies);
    }
}
