using Akka.Actor;
using ActorTuner.Testing;

namespace ActorTuner.Actors.Tests.Studies;

/// <summary>The study contract on a real PostgreSQL server that the test run starts itself.</summary>
public sealed class PostgresStudyActorTests(PostgresServer server)
    : StudyActorContract(ActorTunerConfig.PostgresJournal(server.ConnectionString).WithFallback(ActorTunerConfig.Serialization)),
      IClassFixture<PostgresServer>
{
    [Fact]
    public void Events_land_in_the_server_under_our_manifests()
    {
        var study = Study("pg-check");
        study.Tell(new Core.Studies.CreateStudy(
            new Core.Studies.StudySettings("pg-check", Core.Trials.Direction.Minimize, 2, 1, 1, 1, TimeSpan.FromMinutes(1)),
            Core.Spaces.SearchSpace.Create(new Core.Spaces.FloatParameter("x", 0, 1)),
            "random"));
        ExpectMsg<Core.Studies.Accepted>();

        using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand(
            "SELECT manifest, identifier FROM journal WHERE persistence_id = 'study-pg-check'", connection);
        using var reader = command.ExecuteReader();
        reader.Read().ShouldBeTrue("the study's first event is in PostgreSQL");
        reader.GetString(0).ShouldBe("study-created.v1");
        reader.GetInt32(1).ShouldBe(ActorTuner.Actors.Serialization.ActorTunerSerializer.Id);
    }
}
