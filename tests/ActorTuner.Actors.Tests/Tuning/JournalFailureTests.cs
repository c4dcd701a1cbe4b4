using System.Collections.Concurrent;
using ActorTuner.Testing;
using ActorTuner.Actors.Tuning;
using ActorTuner.Actors.Workers;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Actors.Tests.Tuning;

/// <summary>
/// The database goes away in the middle of a study: a real PostgreSQL server, stopped at once (pg_ctl -m
/// immediate) and started again. The study stops, is restarted with backoff, recovers from the journal, and the
/// run finishes its budget; no trial ran without its dispatch in the journal, and nothing recorded was lost.
/// </summary>
public sealed class JournalFailureTests : IDisposable
{
    private readonly PostgresServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task A_study_whose_database_goes_away_recovers_and_finishes_its_budget()
    {
        var space = SearchSpace.Create(new FloatParameter("x", -1, 1));
        var spec = new StudySpec(new StudySettings("outage", Direction.Minimize, 16, 2, 5, 3, TimeSpan.FromMinutes(1)), space, "random");
        var ran = new ConcurrentBag<(int Number, int Attempt)>();
        var outage = 0;
        Task? restart = null;
        await using var tuner = Tuner.Open($"postgres:{_server.ConnectionString}");
        var result = await tuner.RunAsync(
            spec,
            async (trial, ct) =>
            {
                ran.Add((trial.Number, trial.Attempt));
                await Task.Delay(50, ct);
                return trial.Float("x") * trial.Float("x");
            },
            new RunOptions
            {
                Worker = WorkerSettings.Default with { AskTimeout = TimeSpan.FromSeconds(3), RetryEvery = TimeSpan.FromMilliseconds(300) },
                Progress = p =>
                {
                    if (p.State.Finished >= 4 && Interlocked.Exchange(ref outage, 1) == 0)
                    {
                        restart = Task.Run(async () =>
                        {
                            _server.Stop();
                            await Task.Delay(TimeSpan.FromSeconds(3));
                            _server.Start();
                        });
                    }
                },
            });

        await restart!;
        outage.ShouldBe(1);
        result.Stopped.ShouldBeFalse();
        var state = result.State;
        state.Finished.ShouldBe(16);
        state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, state.Trials.Count));
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete);

        // Every attempt the objective ran was journalled as dispatched before it ran.
        foreach (var (number, attempt) in ran)
        {
            state.Trials[number].Attempt.ShouldBeGreaterThanOrEqualTo(attempt);
        }

        // A fresh read of the journal (another actor system) gives the same study.
        await using var reader = Tuner.Open($"postgres:{_server.ConnectionString}");
        var stored = await reader.ReadAsync("outage");
        stored!.Trials.ShouldBe(state.Trials);
    }
}
