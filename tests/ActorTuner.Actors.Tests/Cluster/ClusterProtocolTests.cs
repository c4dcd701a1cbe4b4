using System.Collections.Immutable;
using ActorTuner.Actors.Cluster;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using ActorTuner.Testing;
using Akka.Actor;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// The cluster's protocol with real nodes: ActorSystems in this process joined over loopback, studies sharded
/// on coordinators with their journal in a real PostgreSQL, workers pulling through the shard region, a client
/// talking through the receptionist.
/// </summary>
public sealed class ClusterProtocolTests : IClassFixture<ClusterProtocolTests.Postgres>
{
    private static readonly SearchSpace Space = SearchSpace.Create(new FloatParameter("x", -1, 1));
    private readonly PostgresServer _postgres;

    public ClusterProtocolTests(Postgres postgres) => _postgres = postgres.Server;

    private static CreateStudy Study(string name, int budget, int parallelism, StudyObjective objective, TimeSpan? lease = null) =>
        new(new StudySettings(name, Direction.Minimize, budget, parallelism, 7, 3, lease ?? TimeSpan.FromSeconds(30)), Space, "random", objective);

    [Fact]
    public async Task Workers_on_two_nodes_run_a_study_hosted_on_a_third_and_status_shows_them()
    {
        await using var cluster = new TestCluster(_postgres, "protocol_basic");
        cluster.Start("coordinator");
        var w1 = cluster.Start("worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(250)));
        var w2 = cluster.Start("worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(250)));
        await cluster.WaitUntilMembers(3);
        await using var client = cluster.Connect();

        (await client.SubmitAsync(Study("basic", 24, 4, StudyObjective.OfRegistered("quad")), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
        var state = await TestCluster.WaitForStudy(client, "basic", s => s.IsDone, TimeSpan.FromSeconds(90));

        state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, 24));
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete && t.Attempt == 1);
        var cluster1 = await client.GetClusterAsync(TimeSpan.FromSeconds(10));
        cluster1.Members.Length.ShouldBe(3);
        cluster1.Members.Count(m => m.Roles.Contains("worker")).ShouldBe(2);
        await TestCluster.Eventually(
            () => client.GetClusterAsync(TimeSpan.FromSeconds(10)).Result is var c && c.Workers.Length == 2 && c.Studies.Any(s => s.Study == "basic" && s.Done),
            TimeSpan.FromSeconds(20),
            "both worker nodes and the finished study announced");
        var final = await client.GetClusterAsync(TimeSpan.FromSeconds(10));
        final.Workers.ShouldAllBe(w => w.Slots == 2);
        final.Studies.Single(s => s.Study == "basic").Completed.ShouldBe(24);

        // Both worker nodes took trials: ids carry the node's address and incarnation.
        var byNode = await WorkersOf("protocol_basic", "basic");
        byNode.ShouldContain(WorkerNode.WorkerIdPrefix(Akka.Cluster.Cluster.Get(w1.System).SelfUniqueAddress));
        byNode.ShouldContain(WorkerNode.WorkerIdPrefix(Akka.Cluster.Cluster.Get(w2.System).SelfUniqueAddress));
    }

    [Fact]
    public async Task A_large_study_s_whole_state_crosses_the_wire_to_a_client()
    {
        await using var cluster = new TestCluster(_postgres, "protocol_large");
        cluster.Start("coordinator");
        cluster.Start("worker", slots: 4, objectives: TestCluster.Quad(TimeSpan.Zero));
        await cluster.WaitUntilMembers(2);
        await using var client = cluster.Connect();

        // 1500 trials make a state of about 300 kB, over Akka.Remote's default 128 kB frame.
        (await client.SubmitAsync(Study("large", 1500, 4, StudyObjective.OfRegistered("quad")), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
        var state = await TestCluster.WaitForStudy(client, "large", s => s.IsDone, TimeSpan.FromSeconds(180));
        state.Trials.Count.ShouldBe(1500);
        state.Completed.ShouldBe(1500);
    }

    [Fact]
    public async Task A_study_that_requires_a_tag_runs_only_on_workers_that_have_it_with_a_device_per_slot()
    {
        await using var cluster = new TestCluster(_postgres, "protocol_tags");
        cluster.Start("coordinator");
        var gpu = cluster.Start("worker", slots: 2, tags: ["gpu"]);
        var plain = cluster.Start("worker", slots: 2);
        await cluster.WaitUntilMembers(3);
        await using var client = cluster.Connect();

        // The objective reports the device it was given: the value is CUDA_VISIBLE_DEVICES.
        var command = new CommandObjectiveSpec(
            ["/usr/bin/python3", "-c", "import os, time; time.sleep(0.2); print(float(os.environ['CUDA_VISIBLE_DEVICES']))"],
            CommandMode.OneShot,
            TimeSpan.FromMinutes(1),
            string.Empty,
            ImmutableDictionary<string, string>.Empty);
        (await client.SubmitAsync(Study("tags", 10, 2, StudyObjective.Of(command, ["gpu"])), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
        var state = await TestCluster.WaitForStudy(client, "tags", s => s.IsDone, TimeSpan.FromSeconds(90));

        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete, string.Join("; ", state.Trials.Select(t => t.Error)));
        state.Trials.Select(t => t.Value!.Value).Distinct().Order().ShouldBe([0.0, 1.0]);
        (await WorkersOf("protocol_tags", "tags")).ShouldBe([WorkerNode.WorkerIdPrefix(Akka.Cluster.Cluster.Get(gpu.System).SelfUniqueAddress)]);
        _ = plain;
    }

    [Fact]
    public async Task A_coordinator_that_leaves_hands_its_study_to_the_other_which_finishes_it()
    {
        await using var cluster = new TestCluster(_postgres, "protocol_handover");
        var c1 = cluster.Start("coordinator");
        var c2 = cluster.Start("coordinator");
        cluster.Start("worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(300)));
        await cluster.WaitUntilMembers(3);
        await using var client = cluster.Connect();

        (await client.SubmitAsync(Study("handover", 16, 2, StudyObjective.OfRegistered("quad")), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
        var before = await TestCluster.WaitForStudy(client, "handover", s => s.Finished >= 4, TimeSpan.FromSeconds(60));
        var host = await HostOf(client, "handover");
        var leaving = host == c1.Address ? c1 : c2;
        var staying = leaving == c1 ? c2 : c1;
        await leaving.StopAsync();

        var state = await TestCluster.WaitForStudy(client, "handover", s => s.IsDone, TimeSpan.FromSeconds(90));
        state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, 16));
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete);
        foreach (var t in before.Trials.Where(t => t.IsFinished))
        {
            state.Trials[t.Number].Value.ShouldBe(t.Value);
        }

        await TestCluster.Eventually(() => HostOf(client, "handover").Result == staying.Address, TimeSpan.FromSeconds(30), "the study announced from the staying coordinator");
    }

    [Fact]
    public async Task A_crashed_worker_node_loses_its_attempts_to_another_and_late_or_repeated_results_are_stale()
    {
        await using var cluster = new TestCluster(_postgres, "protocol_crash");
        var coordinator = cluster.Start("coordinator");
        var hanging = ImmutableDictionary<string, Func<ActorTuner.Actors.Objectives.Trial, CancellationToken, Task<double>>>.Empty.Add("quad", async (t, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        });
        var doomed = cluster.Start("worker", slots: 2, objectives: hanging, crashable: true);
        await cluster.WaitUntilMembers(2);
        await using var client = cluster.Connect();
        (await client.SubmitAsync(Study("crash", 6, 2, StudyObjective.OfRegistered("quad"), lease: TimeSpan.FromMinutes(10)), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
        var running = await TestCluster.WaitForStudy(client, "crash", s => s.Running == 2, TimeSpan.FromSeconds(60));
        var lost = running.Trials.Where(t => t.State == TrialState.Running).Select(t => t.Number).ToList();
        var doomedPrefix = WorkerNode.WorkerIdPrefix(Akka.Cluster.Cluster.Get(doomed.System).SelfUniqueAddress);
        running.Trials.Where(t => t.State == TrialState.Running).ShouldAllBe(t => t.Worker!.StartsWith(doomedPrefix, StringComparison.Ordinal));

        // The node dies without leaving; the lease (10 min) is far away, so only the node's removal by the
        // split-brain resolver can requeue its attempts.
        // The other worker must be Up first: with two members Up and one unreachable, keep-majority is a tie
        // (the side with the lowest address stays) and could down the survivors.
        cluster.Start("worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(20)));
        await cluster.WaitUntilMembers(3);
        await doomed.System.Terminate();
        var state = await TestCluster.WaitForStudy(client, "crash", s => s.IsDone, TimeSpan.FromSeconds(90));

        state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, 6));
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete);
        foreach (var number in lost)
        {
            state.Trials[number].Attempt.ShouldBe(2);
        }

        // The dead node's attempt 1 reporting late, and attempt 2 reporting twice: acknowledged as stale, not recorded.
        var late = await coordinator.Studies.Ask<StudyReply>(new Akka.Cluster.Sharding.ShardingEnvelope("crash", new CompleteTrial(lost[0], 1, 42)), TimeSpan.FromSeconds(10));
        late.ShouldBeOfType<Stale>();
        var repeated = await coordinator.Studies.Ask<StudyReply>(new Akka.Cluster.Sharding.ShardingEnvelope("crash", new CompleteTrial(lost[0], 2, 42)), TimeSpan.FromSeconds(10));
        repeated.ShouldBeOfType<Stale>();
        var after = await TestCluster.WaitForStudy(client, "crash", s => s.IsDone, TimeSpan.FromSeconds(10));
        after.Trials[lost[0]].Value.ShouldBe(state.Trials[lost[0]].Value);
        after.Finished.ShouldBe(6);
    }

    [Fact]
    public async Task Over_mutual_tls_a_client_with_the_cluster_certificate_runs_a_study_and_one_without_gets_no_answer()
    {
        using var certificates = new TestCertificates();
        var tls = new TlsSettings(certificates.Create("cluster", "CN=actortuner-cluster", "s3cret"), "s3cret");
        await using var cluster = new TestCluster(_postgres, "protocol_tls", tls);
        cluster.Start("coordinator,worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(10)));
        await cluster.WaitUntilMembers(1);

        await using (var client = cluster.Connect())
        {
            (await client.SubmitAsync(Study("tls", 6, 2, StudyObjective.OfRegistered("quad")), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
            (await TestCluster.WaitForStudy(client, "tls", s => s.IsDone, TimeSpan.FromSeconds(60))).Completed.ShouldBe(6);
        }

        await using (var plain = cluster.Connect(null))
        {
            await Should.ThrowAsync<TimeoutException>(() => plain.GetClusterAsync(TimeSpan.FromSeconds(5)));
        }

        var stranger = new TlsSettings(certificates.Create("stranger", "CN=actortuner-cluster", "s3cret"), "s3cret");
        await using var intruder = cluster.Connect(stranger);
        await Should.ThrowAsync<TimeoutException>(() => intruder.GetClusterAsync(TimeSpan.FromSeconds(5)));
    }

    private static async Task<string?> HostOf(ClusterConnection client, string study) =>
        (await client.GetClusterAsync(TimeSpan.FromSeconds(10))).Studies.FirstOrDefault(s => s.Study == study)?.Host;

    /// <summary>The worker-id prefixes that ran trials of <paramref name="study"/>, from its journal via <see cref="Tuning.Tuner"/>-free reading: each trial's last dispatch.</summary>
    private async Task<HashSet<string>> WorkersOf(string database, string study)
    {
        var journal = new List<string>();
        await using var reader = new Npgsql.NpgsqlConnection(_postgres.ConnectionString.Replace("Database=postgres", "Database=" + database, StringComparison.Ordinal));
        await reader.OpenAsync();
        await using var command = reader.CreateCommand();
        command.CommandText = "SELECT convert_from(message, 'UTF8') FROM journal WHERE persistence_id = $1 AND manifest = 'trial-dispatched.v1'";
        command.Parameters.AddWithValue("study-" + study);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            journal.Add(rows.GetString(0));
        }

        return journal.Select(j => System.Text.Json.JsonDocument.Parse(j).RootElement.GetProperty("worker").GetString()!)
            .Select(w => w[..(w.LastIndexOf('/') + 1)])
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One PostgreSQL server for the class; each test makes a database of its own.</summary>
    public sealed class Postgres : IDisposable
    {
        public PostgresServer Server { get; } = new();

        public void Dispose() => Server.Dispose();
    }
}
