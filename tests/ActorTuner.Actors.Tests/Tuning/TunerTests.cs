using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Studies;
using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.Actor;

namespace ActorTuner.Actors.Tests.Tuning;

/// <summary>The library API end to end: real actor systems, real SQLite files, real workers.</summary>
public sealed class TunerTests : IDisposable
{
    private static readonly SearchSpace Space = SearchSpace.Create(
        new FloatParameter("x", -2, 2),
        new CategoricalParameter("act", ["relu", "tanh"]));

    private readonly string _dir = Directory.CreateTempSubdirectory("actortuner-tuner-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Db(string name = "t") => $"sqlite:{Path.Combine(_dir, name + ".db")}";

    private static StudySpec Spec(string name, int budget, int parallelism = 4, string sampler = "random") =>
        new(new StudySettings(name, Direction.Minimize, budget, parallelism, Seed: 3, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(1)), Space, sampler);

    private static double Quadratic(Trial t) => (t.Float("x") - 0.5) * (t.Float("x") - 0.5) + (t.Text("act") == "relu" ? 0 : 0.1);

    private static void ShouldBeConsistent(StudyState state, int budget)
    {
        state.Finished.ShouldBe(budget);
        state.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, state.Trials.Count));
        state.FinishOrder.Distinct().Count().ShouldBe(state.FinishOrder.Count);
        state.Trials.ShouldAllBe(t => t.IsFinished);
    }

    [Fact]
    public async Task A_study_runs_to_its_budget_with_trials_in_parallel()
    {
        var running = 0;
        var most = 0;
        await using var tuner = Tuner.Open("memory");
        var result = await tuner.RunAsync(Spec("parallel", budget: 24), async (trial, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            return Quadratic(trial);
        });

        result.Stopped.ShouldBeFalse();
        ShouldBeConsistent(result.State, 24);
        result.State.Trials.ShouldAllBe(t => t.State == TrialState.Complete && t.Attempt == 1);
        most.ShouldBeInRange(2, 4);
        result.Best!.Value.ShouldBe(result.State.Trials.Min(t => t.Value!.Value));
    }

    [Fact]
    public async Task A_crashing_objective_fails_its_trial_and_the_study_goes_on()
    {
        await using var tuner = Tuner.Open("memory");
        var result = await tuner.RunAsync(Spec("crashes", budget: 16), (trial, _) =>
            trial.Float("x") > 0 ? throw new InvalidDataException($"diverged at x={trial.Float("x"):F2}") : Task.FromResult(Quadratic(trial)));

        ShouldBeConsistent(result.State, 16);
        var failed = result.State.Trials.Where(t => t.State == TrialState.Failed).ToList();
        failed.ShouldNotBeEmpty();
        failed.ShouldAllBe(t => t.Error!.Contains("InvalidDataException") && t.Error.Contains("diverged") && t.Attempt == 1);
        result.State.Trials.Where(t => t.State == TrialState.Complete).ShouldAllBe(t => t.Configuration["x"].AsDouble() <= 0);
    }

    [Fact]
    public async Task A_finished_study_runs_nothing_and_a_larger_budget_extends_it()
    {
        var calls = 0;
        Task<double> Objective(Trial t, CancellationToken _)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(Quadratic(t));
        }

        StudyState first;
        await using (var tuner = Tuner.Open(Db()))
        {
            first = (await tuner.RunAsync(Spec("extend", 6, parallelism: 2), Objective)).State;
        }

        calls.ShouldBe(6);
        await using (var tuner = Tuner.Open(Db()))
        {
            var again = await tuner.RunAsync(Spec("extend", 6, parallelism: 2), Objective);
            again.State.Trials.ShouldBe(first.Trials);
            calls.ShouldBe(6);

            var extended = await tuner.RunAsync(Spec("extend", 10, parallelism: 2), Objective);
            calls.ShouldBe(10);
            ShouldBeConsistent(extended.State, 10);
            extended.State.Trials.Take(6).ShouldBe(first.Trials);
            (await tuner.ListAsync()).ShouldBe(["extend"]);
        }
    }

    [Fact]
    public async Task Cancelling_hands_running_trials_back_and_the_next_run_finishes_the_budget()
    {
        using var stop = new CancellationTokenSource();
        StudyRunResult stopped;
        await using (var tuner = Tuner.Open(Db()))
        {
            stopped = await tuner.RunAsync(
                Spec("cancel", budget: 8, parallelism: 3),
                async (trial, ct) =>
                {
                    if (trial.Number >= 3)
                    {
                        await Task.Delay(Timeout.Infinite, ct); // a long training run
                    }

                    return Quadratic(trial);
                },
                new RunOptions
                {
                    Progress = p =>
                    {
                        if (p.State.Finished >= 3 && p.Running == 3)
                        {
                            stop.Cancel();
                        }
                    },
                },
                stop.Token);
        }

        stopped.Stopped.ShouldBeTrue();
        stopped.State.Finished.ShouldBe(3);
        stopped.State.Running.ShouldBe(0);
        var handedBack = stopped.State.Trials.Where(t => t.State == TrialState.Queued).ToList();
        handedBack.Count.ShouldBe(3);
        handedBack.ShouldAllBe(t => t.Released == 1 && t.Error == null);

        await using (var tuner = Tuner.Open(Db()))
        {
            var resumed = await tuner.RunAsync(Spec("cancel", budget: 8, parallelism: 3), (t, _) => Task.FromResult(Quadratic(t)));
            ShouldBeConsistent(resumed.State, 8);
            resumed.State.Trials.ShouldAllBe(t => t.State == TrialState.Complete);
            resumed.State.Trials.Take(3).ShouldBe(stopped.State.Trials.Take(3));
            foreach (var t in handedBack)
            {
                resumed.State.Trials[t.Number].Configuration.ShouldBe(t.Configuration);
                resumed.State.Trials[t.Number].Attempt.ShouldBe(2);
            }
        }
    }

    [Fact]
    public async Task Trials_left_running_by_a_killed_process_are_run_again()
    {
        var db = Db("orphans");
        var config = Storage.StorageLocation.Parse(db).ToConfig().WithFallback(ActorTunerConfig.Serialization);
        using (var dead = ActorSystem.Create("dead", config))
        {
            var study = dead.ActorOf(StudyActor.Props("orphans", s => new RandomSampler(s.Settings!.Seed)));
            var spec = Spec("orphans", budget: 4, parallelism: 2);
            (await study.Ask<StudyReply>(new CreateStudy(spec.Settings, spec.Space, spec.Sampler), TimeSpan.FromSeconds(30))).ShouldBe(Accepted.Instance);
            (await study.Ask<StudyReply>(new RequestTrial("ghost:1/slot-0", DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30))).ShouldBeOfType<TrialAssigned>();
            await dead.Terminate(); // as if killed: the attempt stays running in the journal
        }

        await using var tuner = Tuner.Open(db);
        var result = await tuner.RunAsync(Spec("orphans", budget: 4, parallelism: 2), (t, _) => Task.FromResult(Quadratic(t)));
        ShouldBeConsistent(result.State, 4);
        result.State.Trials[0].State.ShouldBe(TrialState.Complete);
        result.State.Trials[0].Attempt.ShouldBe(2);
    }

    [Fact]
    public async Task A_bad_sampler_or_setting_is_refused_before_anything_is_written()
    {
        await using var tuner = Tuner.Open(Db());
        Should.Throw<ArgumentException>(() => tuner.RunAsync(Spec("bad", 5, sampler: "gp:acq=nope"), (_, _) => Task.FromResult(0.0)))
            .Message.ShouldContain("acq");
        Should.Throw<ArgumentException>(() => tuner.RunAsync(Spec("bad study", 5), (_, _) => Task.FromResult(0.0)))
            .Message.ShouldContain("study name 'bad study'");
        (await tuner.ReadAsync("bad")).ShouldBeNull();
    }

    [Fact]
    public async Task A_study_with_another_space_under_the_same_name_is_refused()
    {
        await using var tuner = Tuner.Open(Db());
        await tuner.RunAsync(Spec("same-name", 2, parallelism: 1), (t, _) => Task.FromResult(Quadratic(t)));
        var other = Spec("same-name", 4, parallelism: 1) with { Space = SearchSpace.Create(new FloatParameter("y", 0, 1)) };
        var error = await Should.ThrowAsync<InvalidOperationException>(() => tuner.RunAsync(other, (_, _) => Task.FromResult(0.0)));
        error.Message.ShouldContain("another direction or search space");
        (await tuner.ReadAsync("same-name"))!.Budget.ShouldBe(2);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
