using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.Actor;

namespace ActorTuner.Actors.Tests.Hosting;

/// <summary>The study registry through a real host with <c>WithActorTuner</c> on a real SQLite file.</summary>
public sealed class StudyRegistryTests : IDisposable
{
    private static readonly SearchSpace Space = SearchSpace.Create(new FloatParameter("x", -2, 2), new FloatParameter("y", -2, 2));

    private readonly string _dir = Directory.CreateTempSubdirectory("actortuner-hosting-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db => $"sqlite:{Path.Combine(_dir, "studies.db")}";

    private static StudySpec Spec(string name, int budget, SearchSpace? space = null, string sampler = "random") =>
        new(new StudySettings(name, Direction.Minimize, budget, Parallelism: 2, Seed: 5, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(1)), space ?? Space, sampler);

    private static double Quadratic(TrialAssigned t) =>
        Math.Pow(t.Configuration["x"].AsDouble() - 0.5, 2) + Math.Pow(t.Configuration["y"].AsDouble(), 2);

    private Task<TunerHost> Start() => TunerHost.StartAsync(o => o.Storage = Db);

    [Fact]
    public async Task An_opened_study_runs_its_budget_by_asking_trials_and_telling_results_once()
    {
        await using var host = await Start();
        (await host.Open(Spec("quad", budget: 5))).ShouldBe(Accepted.Instance);

        var ran = await host.RunToBudget("quad", Quadratic);

        ran.Select(t => t.Number).ShouldBe([0, 1, 2, 3, 4]);
        var state = await host.State("quad");
        state.IsDone.ShouldBeTrue();
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete);
        state.Best!.Value.ShouldBe(ran.Min(Quadratic));

        // Exactly once: the same result again is acknowledged as stale and changes nothing.
        var last = ran[^1];
        (await host.Send("quad", new CompleteTrial(last.Number, last.Attempt, -100))).ShouldBeOfType<Stale>();
        (await host.State("quad")).Best!.Value.ShouldBe(state.Best.Value);
    }

    [Fact]
    public async Task A_second_host_on_the_same_file_resumes_the_study_and_a_larger_budget_extends_it()
    {
        StudyState first;
        await using (var host = await Start())
        {
            (await host.Open(Spec("resume", budget: 3))).ShouldBe(Accepted.Instance);
            await host.RunToBudget("resume", Quadratic);
            first = await host.State("resume");
        }

        await using var again = await Start();
        (await again.Open(Spec("resume", budget: 3))).ShouldBe(Accepted.Instance);
        var recovered = await again.State("resume");
        recovered.Trials.ShouldBe(first.Trials);
        (await again.Send("resume", new RequestTrial("late", DateTimeOffset.UtcNow))).ShouldBe(new NoTrial(StudyDone: true, NeedsSuggestion: false));

        (await again.Open(Spec("resume", budget: 5))).ShouldBe(Accepted.Instance);
        var ran = await again.RunToBudget("resume", Quadratic);

        ran.Select(t => t.Number).ShouldBe([3, 4]);
        var extended = await again.State("resume");
        extended.Finished.ShouldBe(5);
        extended.Trials.Take(3).ShouldBe(first.Trials);
    }

    [Fact]
    public async Task A_command_for_a_study_not_open_here_is_rejected_naming_it_and_what_to_do()
    {
        await using var host = await Start();
        (await host.Open(Spec("known", budget: 2))).ShouldBe(Accepted.Instance);

        var rejected = (await host.Send("unknown", new RequestTrial("w", DateTimeOffset.UtcNow))).ShouldBeOfType<Rejected>();
        rejected.Why.ShouldContain("'unknown' is not open");
        rejected.Why.ShouldContain("known");
        rejected.Why.ShouldContain("OpenStudy");

        var query = await host.Studies.Ask<object>(new Actors.Hosting.GetStudyByName("unknown"), TimeSpan.FromSeconds(30));
        query.ShouldBeOfType<Rejected>().Why.ShouldContain("'unknown' is not open");

        (await host.Send("known", new CreateStudy(Spec("known", 2).Settings, Space, "random"))).ShouldBeOfType<Rejected>().Why.ShouldContain("OpenStudy");
    }

    [Fact]
    public async Task An_invalid_or_conflicting_spec_is_rejected_with_the_reason()
    {
        await using var host = await Start();
        (await host.Open(Spec("bad", budget: 0))).ShouldBeOfType<Rejected>().Why.ShouldContain("budget");
        (await host.Open(Spec("bad", budget: 2, sampler: "simplex"))).ShouldBeOfType<Rejected>().Why.ShouldContain("unknown sampler 'simplex'");

        (await host.Open(Spec("space", budget: 2))).ShouldBe(Accepted.Instance);
        var other = SearchSpace.Create(new FloatParameter("x", 0, 1));
        (await host.Open(Spec("space", budget: 2, space: other))).ShouldBeOfType<Rejected>().Why.ShouldContain("another direction or search space");
    }

    [Fact]
    public async Task A_released_trial_is_run_again_and_a_failed_one_counts_against_the_budget()
    {
        await using var host = await Start();
        (await host.Open(Spec("lossy", budget: 2))).ShouldBe(Accepted.Instance);

        var released = (await host.Send("lossy", new RequestTrial("w", DateTimeOffset.UtcNow))).ShouldBeOfType<TrialAssigned>();
        (await host.Send("lossy", new ReleaseTrial(released.Number, released.Attempt, "shutting down"))).ShouldBe(Accepted.Instance);
        var again = (await host.Send("lossy", new RequestTrial("w", DateTimeOffset.UtcNow))).ShouldBeOfType<TrialAssigned>();
        again.Number.ShouldBe(released.Number);
        again.Attempt.ShouldBe(released.Attempt + 1);
        (await host.Send("lossy", new CompleteTrial(released.Number, released.Attempt, 1.0))).ShouldBeOfType<Stale>();

        (await host.Send("lossy", new FailTrial(again.Number, again.Attempt, "diverged", Retry: false))).ShouldBe(Accepted.Instance);
        await host.RunToBudget("lossy", Quadratic);

        var state = await host.State("lossy");
        state.Finished.ShouldBe(2);
        state.Trials[again.Number].State.ShouldBe(TrialState.Failed);
        state.Trials[again.Number].Error.ShouldBe("diverged");
    }
}
