using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Actors.Tests.Hosting;

/// <summary><c>WithActorTuner</c>'s options: storage, studies opened at start, and the errors for wrong ones.</summary>
public sealed class ActorTunerHostingExtensionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortuner-hosting-options-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static StudySpec Spec(string name, int budget) =>
        new(new StudySettings(name, Direction.Maximize, budget, Parallelism: 1, Seed: 2, MaxAttempts: 1, Lease: TimeSpan.FromMinutes(1)),
            SearchSpace.Create(new FloatParameter("x", 0, 1)), "sobol");

    [Theory]
    [InlineData("mysql:server=db")]
    [InlineData("sqlite:")]
    [InlineData("")]
    public async Task A_bad_storage_fails_the_start_naming_the_option(string storage)
    {
        var error = await Should.ThrowAsync<Exception>(() => TunerHost.StartAsync(o => o.Storage = storage));

        var argument = Unwrap(error).ShouldBeOfType<ArgumentException>();
        argument.Message.ShouldStartWith("ActorTunerOptions.Storage:");
        argument.Message.ShouldContain("sqlite:PATH");
    }

    [Fact]
    public async Task An_invalid_study_in_the_options_fails_the_start_naming_it()
    {
        var error = await Should.ThrowAsync<Exception>(() => TunerHost.StartAsync(o =>
        {
            o.Storage = "memory";
            o.Studies.Add(Spec("fine", 1));
            o.Studies.Add(Spec("bad name!", 1));
        }));

        Unwrap(error).ShouldBeOfType<ArgumentException>().Message.ShouldStartWith("ActorTunerOptions.Studies[1]: study name 'bad name!'");
    }

    [Fact]
    public async Task Studies_in_the_options_are_open_when_the_host_has_started()
    {
        var db = Path.Combine(_dir, "start.db");
        await using var host = await TunerHost.StartAsync(o =>
        {
            o.Storage = $"sqlite:{db}";
            o.Studies.Add(Spec("at-start", 2));
        });

        var ran = await host.RunToBudget("at-start", t => t.Configuration["x"].AsDouble());

        ran.Count.ShouldBe(2);
        (await host.State("at-start")).Settings!.Direction.ShouldBe(Direction.Maximize);
        File.Exists(db).ShouldBeTrue();
    }

    [Fact]
    public async Task The_memory_storage_keeps_nothing_for_the_next_host()
    {
        await using (var host = await TunerHost.StartAsync(o =>
        {
            o.Storage = "memory";
            o.Studies.Add(Spec("in-memory", 1));
        }))
        {
            (await host.RunToBudget("in-memory", t => 1.0)).Count.ShouldBe(1);
        }

        await using var next = await TunerHost.StartAsync(o => o.Storage = "memory");
        (await next.Open(Spec("in-memory", 1))).ShouldBe(Accepted.Instance);
        (await next.State("in-memory")).Trials.ShouldBeEmpty();
    }

    // The host may wrap what the configuration threw (in an aggregate or a target-invocation exception).
    private static Exception Unwrap(Exception error) =>
        error is AggregateException or System.Reflection.TargetInvocationException && error.InnerException is { } inner ? Unwrap(inner) : error;
}
