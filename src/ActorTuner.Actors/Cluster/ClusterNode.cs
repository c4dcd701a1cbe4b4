using System.Collections.Immutable;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Studies;
using Akka;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// A running ActorTuner cluster node (what <c>actortuner node</c> starts): on a coordinator, the study shard
/// region (studies are sharded entities, remembered, recovered from the journal wherever they land); on any
/// other node a proxy to it; on a worker, the <see cref="WorkerNode"/> that gives its slots to studies; on every
/// node the <see cref="ClusterGateway"/> for clients. Stopping it leaves the cluster gracefully: running trials
/// are handed back first.
/// </summary>
public sealed class ClusterNode : IAsyncDisposable
{
    /// <summary>The sharded entity type of studies.</summary>
    public const string StudyTypeName = "study";

    private ClusterNode(ActorSystem system, IActorRef studies, IActorRef gateway, IActorRef? workers)
    {
        System = system;
        Studies = studies;
        Gateway = gateway;
        Workers = workers;
    }

    /// <summary>The node's ActorSystem.</summary>
    public ActorSystem System { get; }

    /// <summary>The study shard region (on a coordinator) or proxy: send it <see cref="ShardingEnvelope"/>s.</summary>
    public IActorRef Studies { get; }

    /// <summary>The node's gateway for clients.</summary>
    public IActorRef Gateway { get; }

    /// <summary>The worker node actor, or null when the node has no worker role.</summary>
    public IActorRef? Workers { get; }

    /// <summary>The node's address (akka.tcp://actortuner@host:port).</summary>
    public string Address => Akka.Cluster.Cluster.Get(System).SelfAddress.ToString();

    /// <summary>
    /// Starts a node. <paramref name="objectives"/> are in-process objectives a worker runs for studies whose
    /// objective names them; <paramref name="overrides"/> wins over the generated configuration (tests tune timings).
    /// </summary>
    public static ClusterNode Start(
        ClusterNodeSettings settings,
        IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>>? objectives = null,
        Config? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var config = ClusterConfig.ForNode(settings);
        if (overrides is not null)
        {
            config = overrides.WithFallback(config);
        }

        var system = ActorSystem.Create(ClusterNodeSettings.SystemName, RemotingConfig.Bootstrap(config, settings.Tls));
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            if (settings.SeedNodes.IsEmpty)
            {
                cluster.Join(cluster.SelfAddress);
            }

            var sharding = ClusterSharding.Get(system);
            IActorRef studies;
            if (settings.IsCoordinator)
            {
                var announcer = system.ActorOf(TopicPublisher.Props(ClusterTopics.Studies), "study-announcer");
                var hosting = new StudyInCluster(announcer, TimeSpan.FromSeconds(1));
                studies = sharding.Start(
                    StudyTypeName,
                    name => StudyActor.Props(name, StudyActor.JournalledSampler, TimeProvider.System, TimeSpan.FromSeconds(2), 500, hosting),
                    ClusterShardingSettings.Create(system).WithRole(ClusterNodeSettings.CoordinatorRole).WithRememberEntities(true),
                    new StudyMessageExtractor());
            }
            else
            {
                studies = sharding.StartProxy(StudyTypeName, ClusterNodeSettings.CoordinatorRole, new StudyMessageExtractor());
            }

            var gateway = system.ActorOf(ClusterGateway.Props(studies), ClusterGateway.Name);
            ClusterClientReceptionist.Get(system).RegisterService(gateway);

            IActorRef? workers = null;
            if (settings.IsWorker)
            {
                workers = system.ActorOf(WorkerNode.Props(settings.Worker, studies, objectives ?? ImmutableDictionary<string, Func<Trial, CancellationToken, Task<double>>>.Empty), "workers");
                var stopTimeout = TimeSpan.FromSeconds(30);

                // Running trials go back to their studies while the node is still a member and the shard
                // region still routes: before the cluster shutdown phases.
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeClusterShutdown, "actortuner-stop-workers", async () =>
                {
                    try
                    {
                        await workers.Ask<Done>(StopWorkers.Instance, stopTimeout).ConfigureAwait(false);
                    }
                    catch (AskTimeoutException)
                    {
                        Akka.Event.LoggingExtensions.Warning(system.Log, "worker node: trials not handed back within {0}; their leases will expire", stopTimeout);
                    }

                    return Done.Instance;
                });
            }

            return new ClusterNode(system, studies, gateway, workers);
        }
        catch
        {
            system.Terminate().Wait(TimeSpan.FromSeconds(10));
            throw;
        }
    }

    /// <summary>Completes when this node is Up in the cluster.</summary>
    public Task WhenUp()
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(System).RegisterOnMemberUp(() => up.TrySetResult());
        return up.Task;
    }

    /// <summary>Leaves the cluster (running trials handed back first) and terminates the ActorSystem.</summary>
    public Task StopAsync() => CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
