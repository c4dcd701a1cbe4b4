using ActorTuner.Actors.Studies;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Studies;
using Akka.Actor;

namespace ActorTuner.Actors.Tests.Studies;

/// <summary>The study contract on a real SQLite file through Akka.Persistence.Sql, plus a full restart.</summary>
public sealed class SqliteStudyActorTests : StudyActorContract
{
    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), $"actortuner-test-{Guid.NewGuid():N}.db");

    public SqliteStudyActorTests()
        : base(Config(DatabasePath))
    {
    }

    private static Akka.Configuration.Config Config(string path) =>
        ActorTunerConfig.SqliteJournal(path).WithFallback(ActorTunerConfig.Serialization);

    [Fact]
    public async Task A_study_survives_a_whole_new_actor_system_reading_the_same_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actortuner-restart-{Guid.NewGuid():N}.db");
        try
        {
            StudyState before;
            var settings = new StudySettings("restart", Core.Trials.Direction.Minimize, 4, 2, 9, 2, TimeSpan.FromMinutes(1));
            var space = Core.Spaces.SearchSpace.Create(new Core.Spaces.FloatParameter("x", 0, 1));
            using (var first = ActorSystem.Create("first", Config(path)))
            {
                var study = first.ActorOf(StudyActor.Props("restart", s => new RandomSampler(s.Settings!.Seed), new ManualTimeProvider(DateTimeOffset.UnixEpoch), TimeSpan.FromSeconds(1)));
                (await study.Ask<StudyReply>(new CreateStudy(settings, space, "random"), TimeSpan.FromSeconds(10))).ShouldBe(Accepted.Instance);
                var a = await study.Ask<StudyReply>(new RequestTrial("w", DateTimeOffset.UnixEpoch), TimeSpan.FromSeconds(10));
                var assigned = a.ShouldBeOfType<TrialAssigned>();
                (await study.Ask<StudyReply>(new CompleteTrial(assigned.Number, assigned.Attempt, 0.25), TimeSpan.FromSeconds(10))).ShouldBe(Accepted.Instance);
                before = (await study.Ask<GetStudyResult>(GetStudy.Instance, TimeSpan.FromSeconds(10))).State;
                await first.Terminate();
            }

            File.Exists(path).ShouldBeTrue();

            // The journal holds our stable manifests, written by ActorTunerSerializer, not .NET type names.
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT DISTINCT manifest, identifier FROM journal ORDER BY manifest";
                using var reader = command.ExecuteReader();
                var rows = new List<(string Manifest, long Serializer)>();
                while (reader.Read())
                {
                    rows.Add((reader.GetString(0), reader.GetInt64(1)));
                }

                rows.Select(r => r.Manifest).ShouldBe(["study-created.v1", "trial-completed.v1", "trial-dispatched.v1", "trial-suggested.v1"]);
                rows.ShouldAllBe(r => r.Serializer == ActorTuner.Actors.Serialization.ActorTunerSerializer.Id);
            }

            using var second = ActorSystem.Create("second", Config(path));
            var recovered = second.ActorOf(StudyActor.Props("restart", s => new RandomSampler(s.Settings!.Seed), new ManualTimeProvider(DateTimeOffset.UnixEpoch), TimeSpan.FromSeconds(1)));
            var after = (await recovered.Ask<GetStudyResult>(GetStudy.Instance, TimeSpan.FromSeconds(10))).State;
            after.Trials.ShouldBe(before.Trials);
            after.Best!.Value.ShouldBe(0.25);
            await second.Terminate();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(DatabasePath);
    }
}
