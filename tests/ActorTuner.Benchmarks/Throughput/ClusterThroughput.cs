using System.Collections.Immutable;
using System.Diagnostics;
using ActorTuner.Actors.Cluster;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Storage;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using ActorTuner.Testing;

namespace ActorTuner.Benchmarks.Throughput;

/// <summary>
/// Trials per second through a three-node cluster on this machine: one coordinator hosting the study (sharded,
/// journal in a throwaway PostgreSQL) and two worker nodes with half the slots each, all joined over loopback
/// TCP, so every request, result and lease renewal crosses the wire through the shard region. The objective is
/// the same trivial x² registered on the workers; the clock runs from submitting the study (through a cluster
/// client, as <c>actortuner submit</c> does) until it reports its budget done.
/// </summary>
public static class ClusterThroughput
{
    /// <summary>Measures one study of <paramref name="trials"/> trials with <paramref name="workers"/> slots over 3 nodes.</summary>
    public static async Task<ThroughputResult> MeasureAsync(int trials, int workers, long seed)
    {
        using var postgres = new PostgresServer();
        var storage = StorageLocation.Parse($"postgres:{postgres.ConnectionString}");
        var objectives = ImmutableDictionary<string, Func<Trial, CancellationToken, Task<double>>>.Empty
            .Add("square", (t, _) => Task.FromResult(t.Float("x") * t.Float("x")));
        var quiet = Akka.Configuration.ConfigurationFactory.ParseString(Environment.GetEnvironmentVariable("ACTORTUNER_BENCH_AKKA") ?? "akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR");
        var nodes = new List<ClusterNode>();
        string? seedNode = null;
        ClusterNode Start(string roles, int slots)
        {
            var port = PostgresServer.FreePort();
            var settings = new ClusterNodeSettings([.. roles.Split(',')], "127.0.0.1", port, null, seedNode is null ? [] : [seedNode], storage, WorkerNodeSettings.Create(slots), TimeSpan.FromSeconds(20));
            var node = ClusterNode.Start(settings, objectives, quiet);
            seedNode ??= $"127.0.0.1:{port}";
            nodes.Add(node);
            return node;
        }

        try
        {
            Start("coordinator", 0);
            Start("worker", (workers + 1) / 2);
            Start("worker", workers / 2);
            await Task.WhenAll(nodes.Select(n => n.WhenUp())).ConfigureAwait(false);
            await using var client = ClusterConnection.Open([seedNode!]);

            // Worker nodes hear of the study from its announcements; give pub-sub a moment to connect them all.
            var name = $"throughput-{Guid.NewGuid():N}"[..24];
            var settings = new StudySettings(name, Direction.Minimize, trials, workers, seed, MaxAttempts: 3, Lease: TimeSpan.FromMinutes(5));
            var create = new CreateStudy(settings, SearchSpace.Create(new FloatParameter("x", -1, 1)), "random", StudyObjective.OfRegistered("square"));
            await WaitForWorkersAsync(client, 2).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            var reply = await client.SubmitAsync(create, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (reply is not Accepted)
            {
                throw new InvalidOperationException($"cluster: the study was not created: {reply}");
            }

            // Progress from the announcements (as submit --wait follows a study), not the whole state 20 times a second.
            while ((await client.GetClusterAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false)).Studies.FirstOrDefault(s => s.Study == name) is not { Done: true })
            {
                await Task.Delay(50).ConfigureAwait(false);
            }

            clock.Stop();
            var state = (await client.GetStudyAsync(name, TimeSpan.FromSeconds(30)).ConfigureAwait(false)).State;
            if (state.Completed != trials)
            {
                throw new InvalidOperationException($"cluster: the study completed {state.Completed} of {trials} trials ({state.Failed} failed)");
            }

            return new ThroughputResult("actortuner", "cluster-3-nodes-postgres", workers, trials, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var node in Enumerable.Reverse(nodes))
            {
                await node.StopAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            }
        }
    }

    private static async Task WaitForWorkersAsync(ClusterConnection client, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await client.GetClusterAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false)).Workers.Length < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"cluster: {count} worker nodes did not announce themselves within a minute");
            }

            await Task.Delay(200).ConfigureAwait(false);
        }
    }
}
