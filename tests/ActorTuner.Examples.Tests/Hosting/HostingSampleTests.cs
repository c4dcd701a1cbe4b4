using ActorTuner.Core.Studies;
using ActorTuner.Examples.Hosting;

namespace ActorTuner.Examples.Tests.Hosting;

/// <summary>The hosting sample's own code path: a real host, a real SQLite file, two ask/tell loops.</summary>
public sealed class HostingSampleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("actortuner-hosting-sample-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_sample_runs_its_study_to_the_budget_and_prints_every_trial_and_the_best()
    {
        var output = new StringWriter();
        var state = await HostingSample.RunAsync($"sqlite:{Path.Combine(_dir, "sample.db")}", output, TimeProvider.System, CancellationToken.None);

        state.IsDone.ShouldBeTrue();
        state.Finished.ShouldBe(HostingSample.Spec.Settings.Budget);
        state.Trials.ShouldAllBe(t => t.State == TrialState.Complete && t.Attempt == 1);
        state.Trials.ShouldAllBe(t => t.Value == HostingSample.Branin(t.Configuration["x1"].AsDouble(), t.Configuration["x2"].AsDouble()));
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Count(l => l.StartsWith("trial ", StringComparison.Ordinal) && l.EndsWith("[Accepted]", StringComparison.Ordinal)).ShouldBe(12);
        lines[^1].ShouldStartWith($"best: trial {state.Best!.Number} ");
    }

    [Fact]
    public async Task Run_again_on_the_same_file_the_sample_finds_the_study_done_and_runs_nothing()
    {
        var storage = $"sqlite:{Path.Combine(_dir, "again.db")}";
        var first = await HostingSample.RunAsync(storage, TextWriter.Null, TimeProvider.System, CancellationToken.None);

        var output = new StringWriter();
        var second = await HostingSample.RunAsync(storage, output, TimeProvider.System, CancellationToken.None);

        second.Trials.ShouldBe(first.Trials);
        output.ToString().ShouldNotContain("trial  0");
        output.ToString().ShouldStartWith("best: ");
    }

    [Fact]
    public void The_command_exits_0_on_a_temporary_file_and_2_on_unknown_options()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        HostingSample.Run([], output, error, TimeProvider.System, CancellationToken.None).ShouldBe(0);
        output.ToString().ShouldContain("best: ");

        HostingSample.Run(["--budget", "3"], output, error, TimeProvider.System, CancellationToken.None).ShouldBe(HostingSample.UsageError);
        error.ToString().ShouldContain("unknown options '--budget 3'");
    }

    [Fact]
    public void A_bad_storage_exits_1_with_the_option_named()
    {
        var error = new StringWriter();
        HostingSample.Run([HostingSample.StorageOption, "mysql:x"], TextWriter.Null, error, TimeProvider.System, CancellationToken.None).ShouldBe(HostingSample.Failed);
        error.ToString().ShouldContain("ActorTunerOptions.Storage: storage 'mysql:x'");
    }

    [Fact]
    public void Branin_has_its_known_minimum()
    {
        HostingSample.Branin(Math.PI, 2.275).ShouldBe(0.397887, 1e-6);
        HostingSample.Branin(-Math.PI, 12.275).ShouldBe(0.397887, 1e-6);
        HostingSample.Branin(9.42478, 2.475).ShouldBe(0.397887, 1e-6);
    }
}
