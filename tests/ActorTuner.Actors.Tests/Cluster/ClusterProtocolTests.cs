using ActorTuner.Actors.Cluster;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using ActorTuner.Testing;

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
        var w1 = cluster.Start("worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(50)));
        var w2 = cluster.Start("worker", slots: 2, objectives: TestCluster.Quad(TimeSpan.FromMilliseconds(50)));
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
        var byNode = await WorkersOf(client, "basic");
        byNode.ShouldContain(WorkerNode.WorkerIdPrefix(Akka.Cluster.Cluster.Get(w1.System).SelfUniqueAddress));
        byNode.ShouldContain(WorkerNode.WorkerIdPrefix(Akka.Cluster.Cluster.Get(w2.System).SelfUniqueAddress));
    }

    /// <summary>The worker-id prefixes that ran trials of <paramref name="study"/>, from its journal via <see cref="Tuning.Tuner"/>-free reading: each trial's last dispatch.</summary>
    private async Task<HashSet<string>> WorkersOf(ClusterConnection client, string study)
    {
        _ = client;
        var journal = new List<string>();
        await using var reader = new Npgsql.NpgsqlConnection(_postgres.ConnectionString.Replace("Database=postgres", "Database=protocol_basic", StringComparison.Ordinal));
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
