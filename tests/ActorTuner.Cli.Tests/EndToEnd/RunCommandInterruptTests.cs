namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// SIGINT (Ctrl+C) to a running <c>actortuner run</c>: it hands its running trials back to the study and exits
/// with 130; running it again completes the budget.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunCommandInterruptTests
{
    private const int Trials = 20;

    [Fact]
    public async Task Sigint_hands_running_trials_back_exits_130_and_a_rerun_completes_the_budget()
    {
        using var folder = new StudyFolder();
        folder.WriteStudy(Trials, parallelism: 4);

        using (var first = await folder.StartRunAsync(finished: 3))
        {
            first.Interrupt();

            // A generous bound for "a few seconds" that only fails a hung process, never a slow machine.
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            first.ExitCode.ShouldBe(130, first.Output());
            first.Stderr.ShouldContain("stopping");
        }

        var stopped = await folder.ExportAsync();
        stopped.InState("running").ShouldBeEmpty("an interrupted run hands its trials back (queued)");
        stopped.Trials.Count(t => t.State == "complete").ShouldBeLessThan(Trials, "the interrupt came after the budget was reached; the test proves nothing");

        using var second = await folder.RunAsync();
        second.ExitCode.ShouldBe(0, second.Output());

        var after = await folder.ExportAsync();
        after.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, Trials));
        after.Trials.ShouldAllBe(t => t.State == "complete");
        foreach (var old in stopped.InState("complete"))
        {
            after.Trials[old.Number].ShouldBe(old);
        }

        folder.ResultsPerTrial().ShouldAllBe(kv => kv.Value == 1);
        folder.ResultsPerTrial().Count.ShouldBe(Trials);
    }
}
