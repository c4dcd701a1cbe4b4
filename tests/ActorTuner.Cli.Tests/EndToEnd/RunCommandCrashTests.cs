namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// <c>actortuner run</c> as a real process, killed with SIGKILL in the middle of a study and started again on
/// the same SQLite journal: the budget completes, finished trials are untouched, each trial has one result.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunCommandCrashTests
{
    private const int Trials = 20;

    [Fact]
    public async Task A_run_killed_mid_study_resumes_and_completes_the_budget_without_losing_or_repeating_results()
    {
        using var folder = new StudyFolder();
        folder.WriteStudy(Trials, parallelism: 4);

        using (var first = await folder.StartRunAsync(finished: 5))
        {
            first.KillTree();
        }

        var before = await folder.ExportAsync();
        var finishedBefore = before.Trials.Where(t => t.State is "complete" or "failed").ToList();
        finishedBefore.Count.ShouldBeGreaterThanOrEqualTo(5);
        finishedBefore.Count.ShouldBeLessThan(Trials, "the kill came after the budget was reached; the test proves nothing");
        var runningBefore = before.InState("running").ToList();

        using var second = await folder.RunAsync();
        second.ExitCode.ShouldBe(0, second.Output());
        second.Stdout.ShouldContain("resuming at");

        var after = await folder.ExportAsync();
        after.Budget.ShouldBe(Trials);
        after.Trials.Count.ShouldBe(Trials);
        after.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, Trials));
        after.Trials.ShouldAllBe(t => t.State == "complete", after.Trials.FirstOrDefault(t => t.State != "complete")?.ToString());
        foreach (var old in finishedBefore)
        {
            after.Trials[old.Number].ShouldBe(old, "a trial finished before the kill must be unchanged");
        }

        foreach (var lost in runningBefore)
        {
            // The killed run's attempt was lost and requeued; the rerun ran attempt 2.
            after.Trials[lost.Number].Attempts.ShouldBe(lost.Attempts + 1, $"trial {lost.Number} was running at the kill");
        }

        var results = folder.ResultsPerTrial();
        results.Keys.Order().ShouldBe(Enumerable.Range(0, Trials));
        results.Where(kv => kv.Value != 1).ShouldBeEmpty("every trial must have exactly one trial-completed or trial-failed event in the journal");
    }
}
