using System.Collections.Immutable;
using ActorTuner.Actors.Cluster;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Storage;
using ActorTuner.Actors.Studies;
using ActorTuner.Core.Studies;
using ActorTuner.Testing;
using Akka.Configuration;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// Several cluster nodes as ActorSystems in the test process, joined over loopback TCP, with a journal in a
/// PostgreSQL database of their own. Timings are shortened (split-brain resolver, failure detector) so a
/// crashed node is downed within seconds.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    private readonly string _connection;
    private readonly List<ClusterNode> _nodes = [];
    private readonly TlsSettings? _tls;

    public TestCluster(PostgresServer postgres, string database, TlsSettings? tls = null)
    {
        _connection = postgres.CreateDatabase(database);
        _tls = tls;
    }

    public string? Seed { get; private set; }

    public IReadOnlyList<ClusterNode> Nodes => _nodes;

    /// <summary>Overrides for every test node: quiet logs, quick failure detection and downing.</summary>
    public static Config Fast(bool crashable) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        akka.cluster.split-brain-resolver.stable-after = 2s
        akka.cluster.failure-detector.acceptable-heartbeat-pause = 2s
        akka.cluster.failure-detector.heartbeat-interval = 500ms
        akka.cluster.sharding.entity-restart-backoff = 1s
        akka.cluster.sharding.coordinator-failure-backoff = 1s
        akka.cluster.sharding.retry-interval = 500ms
        akka.cluster.pub-sub.gossip-interval = 500ms
        akka.coordinated-shutdown.run-by-actor-system-terminate = {{(crashable ? "off" : "on")}}
        """);

    public ClusterNode Start(
        string roles,
        int slots = 0,
        IEnumerable<string>? tags = null,
        IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>>? objectives = null,
        bool crashable = false)
    {
        var port = PostgresServer.FreePort();
        var settings = new ClusterNodeSettings(
            [.. roles.Split(',')],
            "127.0.0.1",
            port,
            null,
            Seed is null ? [] : [Seed],
            StorageLocation.Parse("postgres:" + _connection),
            WorkerNodeSettings.Create(slots, tags),
            TimeSpan.FromSeconds(2),
            _tls);
        var node = ClusterNode.Start(settings, objectives, Fast(crashable));
        Seed ??= $"127.0.0.1:{port}";
        _nodes.Add(node);
        return node;
    }

    public async Task WaitUntilMembers(int count, ClusterNode? seenFrom = null)
    {
        var node = seenFrom ?? _nodes[0];
        await Eventually(() => Akka.Cluster.Cluster.Get(node.System).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up) == count, TimeSpan.FromSeconds(60), $"{count} members up");
    }

    /// <summary>A client that knows every node started so far, so it outlives any one of them.</summary>
    public ClusterConnection Connect() => Connect(_tls);

    /// <summary>A client presenting <paramref name="tls"/> (null: plain TCP).</summary>
    public ClusterConnection Connect(TlsSettings? tls) =>
        ClusterConnection.Open(_nodes.Select(n => Akka.Cluster.Cluster.Get(n.System).SelfAddress).Select(a => $"{a.Host}:{a.Port}"), tls: tls);

    /// <summary>Polls the study through <paramref name="connection"/> until <paramref name="done"/> holds.</summary>
    public static async Task<StudyState> WaitForStudy(ClusterConnection connection, string study, Func<StudyState, bool> done, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        StudyState last = StudyState.Empty;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = (await connection.GetStudyAsync(study, TimeSpan.FromSeconds(5))).State;
                if (last.IsCreated && done(last))
                {
                    return last;
                }
            }
            catch (TimeoutException)
            {
                // The study is moving between coordinators; ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"study {study} did not get there within {within}: finished {last.Finished} of {last.Budget}, running {last.Running}, queued {last.Queued}");
    }

    public static async Task Eventually(Func<bool> condition, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {within}: {what}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Enumerable.Reverse(_nodes))
        {
            try
            {
                await node.System.Terminate().WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // A node that cannot leave (its peers are gone) is left to the process's end.
            }
        }
    }

    /// <summary>Registered objectives: <c>quad</c> sleeps <paramref name="delay"/> and returns (x - 0.3)^2.</summary>
    public static IReadOnlyDictionary<string, Func<Trial, CancellationToken, Task<double>>> Quad(TimeSpan delay) =>
        ImmutableDictionary<string, Func<Trial, CancellationToken, Task<double>>>.Empty.Add("quad", async (t, ct) =>
        {
            await Task.Delay(delay, ct);
            var x = t.Float("x");
            return (x - 0.3) * (x - 0.3);
        });
}
