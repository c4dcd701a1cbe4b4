using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Xunit.Abstractions;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// Akka's own cluster traffic under <see cref="ActorTunerConfig.ClosedWire"/>: membership gossip, sharding (regions,
/// coordinator singleton, distributed data), distributed pub-sub and remote death watch between two nodes. Nothing
/// of it needs the refused json serializer: every message arrives and no node logs a refusal.
/// </summary>
public sealed class ClusterTrafficWireTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private readonly ClusterNodes _nodes = new(output);

    public void Dispose() => _nodes.Dispose();

    [Fact]
    public async Task Sharding_pub_sub_and_death_watch_cross_the_closed_wire()
    {
        var first = _nodes.Start("traffic", null);
        var second = _nodes.Start("traffic", null);
        var firstAddress = Akka.Cluster.Cluster.Get(first).SelfAddress;
        Akka.Cluster.Cluster.Get(first).Join(firstAddress);
        Akka.Cluster.Cluster.Get(second).Join(firstAddress);
        (await ClusterNodes.Eventually(() => ClusterNodes.UpCount(first) == 2 && ClusterNodes.UpCount(second) == 2, Within)).ShouldBeTrue();

        // Sharding: entities on both nodes answer asks sent through the second node's region.
        // Akka unwraps ShardingEnvelope itself; no other message is sent to the region.
        var extractor = HashCodeMessageExtractor.Create(10, _ => null);
        ClusterSharding.Get(first).Start("echo", Props.Create(() => new Echo()), ClusterShardingSettings.Create(first), extractor);
        var region = ClusterSharding.Get(second).Start("echo", Props.Create(() => new Echo()), ClusterShardingSettings.Create(second), extractor);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => region.Ask<string>(new ShardingEnvelope($"entity-{i}", "ping"), Within)));
        answers.ShouldAllBe(a => a.EndsWith(":ping", StringComparison.Ordinal));
        answers.Select(a => a.Split('|')[0]).Distinct().Count().ShouldBe(2, "entities on both nodes, so messages crossed between them");

        // Distributed pub-sub: a subscriber on the first node hears what the second publishes.
        var heard = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = first.ActorOf(Props.Create(() => new Listener(heard)), "subscriber");
        await DistributedPubSub.Get(first).Mediator.Ask<SubscribeAck>(new Subscribe("studies", subscriber), Within);
        var mediator = DistributedPubSub.Get(second).Mediator;
        (await ClusterNodes.Eventually(() =>
        {
            mediator.Tell(new Publish("studies", "study created"));
            return heard.Task.IsCompleted;
        }, Within)).ShouldBeTrue();
        (await heard.Task).ShouldBe("study created");

        // Remote death watch: Watch and DeathWatchNotification are system messages across the wire.
        var watched = first.ActorOf(Props.Create(() => new Echo()), "watched");
        var remote = await second.ActorSelection(watched.Path.ToStringWithAddress(firstAddress)).ResolveOne(Within);
        var terminated = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        second.ActorOf(Props.Create(() => new Watcher(remote, terminated)));
        await Task.Delay(500);
        watched.Tell(PoisonPill.Instance);
        (await terminated.Task.WaitAsync(Within)).ShouldBe(remote.Path.ToString());

        _nodes.Log.ShouldNotContain(line => line.Contains("ClosedWire") || line.Contains("refused"));
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(m => Sender.Tell($"{Akka.Cluster.Cluster.Get(Context.System).SelfAddress}|{Self.Path.Name}:{m}"));
    }

    private sealed class Listener : ReceiveActor
    {
        public Listener(TaskCompletionSource<string> heard) => Receive<string>(m => heard.TrySetResult(m));
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef watched, TaskCompletionSource<string> terminated)
        {
            Context.Watch(watched);
            Receive<Terminated>(t => terminated.TrySetResult(t.ActorRef.Path.ToString()));
        }
    }
}
