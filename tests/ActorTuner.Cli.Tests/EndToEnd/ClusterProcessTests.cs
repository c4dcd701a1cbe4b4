using System.Globalization;
using ActorTuner.Actors.Cluster;
using ActorTuner.Core.Studies;
using Xunit.Abstractions;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// The cluster as separate processes: PostgreSQL, two coordinators and three workers (<c>actortuner node</c>),
/// a study of 60 trials, 6 at a time, whose objective sleeps half a second, submitted with <c>actortuner submit
/// --wait</c>; then a worker, the coordinator hosting the study, or every node is killed with SIGKILL mid-study.
/// Each time the study finishes its budget, and its export and journal show trial numbers 0..59, one recorded
/// result per trial, and every trial finished before the kill unchanged. How long the failover took goes to the
/// test output and to <c>cluster-failover.txt</c> in <c>$ACTORTUNER_ARTIFACTS</c> (default: the temp folder),
/// beside a folder of every process's log.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterProcessTests : IClassFixture<PostgresFixture>
{
    private const int Trials = 60;
    private const int Parallelism = 6;
    private const int FinishedBeforeKill = 10;

    /// <summary>Bound for a whole study after a kill; reaching it fails the test with every log.</summary>
    private static readonly TimeSpan StudyTimeout = TimeSpan.FromMinutes(3);

    private readonly PostgresFixture _postgres;
    private readonly ITestOutputHelper _output;

    public ClusterProcessTests(PostgresFixture postgres, ITestOutputHelper output)
    {
        _postgres = postgres;
        _output = output;
    }

    private static string Artifacts => Environment.GetEnvironmentVariable("ACTORTUNER_ARTIFACTS") is { Length: > 0 } a ? a : Path.GetTempPath();

    [Fact]
    public async Task A_worker_killed_while_running_trials_has_them_requeued_and_the_study_completes_its_budget()
    {
        using var cluster = NewCluster("kill_worker");
        using var submit = await cluster.StartAndSubmitAsync();
        await WaitForCompletedAsync(cluster, submit);

        // The worker node with the most trials running now (all three are busy: 6 slots, parallelism 6).
        var running = (await cluster.Journal.StateAsync()).Trials.Where(t => t.State == TrialState.Running).ToList();
        var victim = running.GroupBy(t => cluster.NodeOfWorker(t.Worker!)).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault()
            ?? throw new InvalidOperationException($"no trial running after {FinishedBeforeKill} finished.\n{cluster.Diagnostics()}");
        var kill = await KillAsync(cluster, [victim]);
        var (after, events) = await FinishAsync(cluster, submit, kill);

        // Every attempt the victim got either delivered its result before the kill or was requeued and run
        // again elsewhere; some were requeued (it was running trials when it died).
        var victims = events.Select(e => e.Event).OfType<TrialDispatched>().Where(d => d.Worker.StartsWith(victim.Address + "#", StringComparison.Ordinal)).ToList();
        var lost = AssertRunAgain(Unfinished(victims, events), after, events, "was running on the killed worker");
        lost.ShouldNotBeEmpty($"{victim.Name} ran no trial when it was killed; the test proves nothing.\n{cluster.Diagnostics()}");

        var requeued = events.Where(e => e.Event is TrialRequeued r && lost.Any(t => t.Number == r.Number && t.Attempt == r.Attempt)).Min(e => e.Written);
        var rerun = events.Where(e => e.Event is TrialDispatched d && lost.Any(t => t.Number == d.Number && d.Attempt > t.Attempt)).Min(e => e.Written);
        Record(
            "a", $"SIGKILL to {victim.Name} at {kill.State.Finished}/{Trials} finished with {lost.Count} trial(s) running on it; " +
            $"requeued after {Seconds(requeued - kill.At)}, running on another worker after {Seconds(rerun - kill.At)}; " +
            $"budget done {Seconds(DoneAt(events) - kill.At)} after the kill");
    }

    [Fact]
    public async Task The_coordinator_hosting_the_study_killed_mid_study_fails_over_and_the_study_completes_its_budget()
    {
        using var cluster = NewCluster("kill_coordinator");
        using var submit = await cluster.StartAndSubmitAsync();

        // Where the study lives: the "hosted on" of its announcement (what `actortuner status` shows).
        string? host = null;
        await using (var observer = ClusterConnection.Open(cluster.Nodes.Select(n => n.Endpoint)))
        {
            await cluster.WaitUntilAsync(async () => (host = await HostOfAsync(observer, cluster.Study)) is not null, $"study {cluster.Study} announced");
        }

        await WaitForCompletedAsync(cluster, submit);
        var victim = cluster.NodeAt(host!);
        victim.Roles.ShouldBe("coordinator");
        var survivor = cluster.Coordinators.Single(c => c != victim);
        var kill = await KillAsync(cluster, [victim]);

        // Failover, seen three ways: the study answers a query again (through the nodes still alive), it is
        // announced from the other coordinator, and a trial completes again (the journal's write time).
        DateTime? answered = null, announced = null, progressed = null;
        await using (var observer = ClusterConnection.Open(cluster.Nodes.Where(n => n != victim).Select(n => n.Endpoint)))
        {
            await cluster.WaitUntilAsync(
                async () =>
                {
                    if (answered is null && await AnswersAsync(observer, cluster.Study))
                    {
                        answered = DateTime.UtcNow;
                    }

                    if (announced is null && await HostOfAsync(observer, cluster.Study) == survivor.Address)
                    {
                        announced = DateTime.UtcNow;
                    }

                    progressed ??= (await cluster.Journal.ReadAsync()).FirstOrDefault(e => e.Event is TrialCompleted && e.Written > kill.At)?.Written;
                    return answered is not null && announced is not null && progressed is not null;
                },
                $"study {cluster.Study} answering, announced from {survivor.Name} and completing trials again after its host was killed");
        }

        var (_, events) = await FinishAsync(cluster, submit, kill);

        await using (var observer = ClusterConnection.Open([survivor.Endpoint]))
        {
            (await HostOfAsync(observer, cluster.Study)).ShouldBe(survivor.Address, "the study stays on the surviving coordinator");
        }

        // coordinator-1 is the first seed node, so the oldest: it also runs the shard coordinator, which moves with it.
        var oldest = victim == cluster.Coordinators[0] ? " (the oldest node: the shard coordinator moved too)" : " (the shard coordinator stayed on the survivor)";
        Record(
            "b", $"SIGKILL to {victim.Name}, hosting the study{oldest}, at {kill.State.Finished}/{Trials} finished; " +
            $"the study answered again after {Seconds(answered!.Value - kill.At)}, was announced from {survivor.Name} after {Seconds(announced!.Value - kill.At)}, " +
            $"completed a trial again after {Seconds(progressed!.Value - kill.At)}; budget done {Seconds(DoneAt(events) - kill.At)} after the kill");
    }

    [Fact]
    public async Task Every_node_killed_and_started_again_resumes_the_study_by_itself_and_it_completes_its_budget()
    {
        using var cluster = NewCluster("kill_all");
        var submit = await cluster.StartAndSubmitAsync();
        await WaitForCompletedAsync(cluster, submit);

        var kill = await KillAsync(cluster, cluster.Nodes, submit);

        cluster.StartAll();
        var restartedAt = DateTime.UtcNow;
        await cluster.WaitUntilUpAsync();
        var upAt = DateTime.UtcNow;

        // Nobody submits or asks: the study is a remembered entity, so the coordinators start it again, and the
        // attempts of the dead incarnations' workers are requeued at once.
        DateTime? resumed = null, progressed = null;
        try
        {
            await cluster.WaitUntilAsync(
                async () =>
                {
                    var written = (await cluster.Journal.ReadAsync()).Where(e => e.Written > restartedAt).ToList();
                    resumed ??= written.FirstOrDefault()?.Written;
                    progressed ??= written.FirstOrDefault(e => e.Event is TrialCompleted)?.Written;
                    return progressed is not null;
                },
                $"study {cluster.Study} completing a trial after the restart without being submitted again",
                TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            // Checked last, after the study was submitted again and everything else was verified.
            _output.WriteLine($"{Now()} the study did not resume by itself: {e.Message}");
        }

        var (after, events) = await FinishAsync(cluster, cluster.Submit(), kill, resubmitted: true);

        // Every attempt dispatched before the kill either delivered its result before it or was requeued and
        // run again after the restart.
        var lost = AssertRunAgain(Unfinished(events.Where(e => e.Written < kill.At).Select(e => e.Event).OfType<TrialDispatched>(), events), after, events, "was running when every node was killed");
        lost.ShouldNotBeEmpty("no trial was running when every node was killed; the test proves nothing");

        Record(
            "c", $"SIGKILL to all five nodes at {kill.State.Finished}/{Trials} finished, {lost.Count} running; started again {Seconds(restartedAt - kill.At)} later; " +
            $"all up after {Seconds(upAt - restartedAt)}; " +
            (progressed is null
                ? "the study did NOT resume by itself within 90 s; "
                : $"the study resumed by itself: first event {Seconds(resumed!.Value - restartedAt)}, first completed trial {Seconds(progressed.Value - restartedAt)} after the restart; ") +
            $"budget done {Seconds(DoneAt(events) - restartedAt)} after the restart");
        progressed.ShouldNotBeNull($"the study must resume after a full restart without being submitted again (remembered entities).\n{cluster.Diagnostics()}");
    }

    private ProcessCluster NewCluster(string study)
    {
        var folder = Path.Combine(Artifacts, "cluster-process", $"{study}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}");
        var cluster = new ProcessCluster(_postgres.Server, $"{study}_{Guid.NewGuid():N}", folder, study, Trials, Parallelism);
        _output.WriteLine($"{Now()} logs in {folder}");
        return cluster;
    }

    /// <summary>
    /// SIGKILLs <paramref name="nodes"/> (and the client <paramref name="also"/>), then starts an export and reads
    /// the journal as the kill left the study, which must be short of its budget.
    /// </summary>
    private async Task<Kill> KillAsync(ProcessCluster cluster, IReadOnlyList<ClusterNodeProcess> nodes, CliProcess? also = null)
    {
        foreach (var node in nodes)
        {
            node.Kill();
        }

        also?.KillTree();
        var at = DateTime.UtcNow;
        _output.WriteLine($"{Now()} killed {string.Join(", ", nodes.Select(n => $"{n.Name} ({n.Address})"))}{(also is null ? string.Empty : " and the submit")}");
        var before = cluster.ExportAsync();
        var state = await cluster.Journal.StateAsync();
        state.Finished.ShouldBeLessThan(Trials, "the kill came after the budget was reached; the test proves nothing");
        return new Kill(at, state, before);
    }

    /// <summary>Waits until the journal holds <see cref="FinishedBeforeKill"/> completed trials (the submit must not exit before).</summary>
    private async Task WaitForCompletedAsync(ProcessCluster cluster, CliProcess submit)
    {
        await cluster.WaitUntilAsync(
            async () => submit.HasExited
                ? throw new InvalidOperationException($"submit exited ({submit.ExitCode}) before {FinishedBeforeKill} trials completed.\n{cluster.Diagnostics()}")
                : await cluster.Journal.CompletedAsync() >= FinishedBeforeKill,
            $"{FinishedBeforeKill} trials completed");
        _output.WriteLine($"{Now()} {FinishedBeforeKill} trials completed");
    }

    /// <summary>
    /// Waits for <c>submit --wait</c> to see the budget done and exit 0, exports the study, and checks that
    /// nothing was lost or repeated: trials 0..59, every one complete with the value its parameters give, exactly
    /// one result event per trial in the journal, every trial finished in the journal right after the kill
    /// unchanged, and so every trial finished in the export started right after it. Returns the final export and
    /// the journal.
    /// </summary>
    private async Task<(ExportedStudy After, IReadOnlyList<JournalledEvent> Events)> FinishAsync(ProcessCluster cluster, CliProcess submit, Kill kill, bool resubmitted = false)
    {
        try
        {
            await submit.WaitForExitAsync(StudyTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{cluster.Diagnostics()}", e);
        }

        submit.ExitCode.ShouldBe(0, $"{submit.Output()}\n{cluster.Diagnostics()}");
        if (resubmitted)
        {
            submit.Stdout.ShouldContain($"study {cluster.Study} resumed at", Case.Sensitive, submit.Output());
        }

        _output.WriteLine($"{Now()} submit --wait exited 0");
        var after = await cluster.ExportAsync();
        after.Budget.ShouldBe(Trials);
        after.Trials.Select(t => t.Number).ShouldBe(Enumerable.Range(0, Trials), "trial numbers must be unique and contiguous");
        after.Trials.Where(t => t.State != "complete").ShouldBeEmpty("every trial must be complete");
        foreach (var t in after.Trials)
        {
            var x = System.Text.Json.JsonDocument.Parse(t.Params).RootElement.GetProperty("x").GetDouble();
            t.Value!.Value.ShouldBe((x - 0.5) * (x - 0.5), 1e-12, $"trial {t.Number}'s value must be its own parameters' result");
        }

        foreach (var old in (await kill.Before).Trials.Where(t => t.State is "complete" or "failed"))
        {
            after.Trials[old.Number].ShouldBe(old, "a trial finished before the kill must be unchanged");
        }

        var events = await cluster.Journal.ReadAsync();
        var final = StudyJournal.Fold(events);
        foreach (var old in kill.State.Trials.Where(t => t.IsFinished))
        {
            final.Trials[old.Number].ShouldBe(old, "a trial finished before the kill must be unchanged in the journal");
        }

        var results = await cluster.Journal.ResultsPerTrialAsync();
        results.Keys.Order().ShouldBe(Enumerable.Range(0, Trials), "every trial must have a result event in the journal");
        results.Where(kv => kv.Value != 1).ShouldBeEmpty($"every trial must have exactly one trial-completed or trial-failed event in the journal.\n{cluster.Diagnostics()}");
        return (after, events);
    }

    /// <summary>Those of <paramref name="attempts"/> whose result the journal does not hold (they were lost).</summary>
    private static List<TrialDispatched> Unfinished(IEnumerable<TrialDispatched> attempts, IReadOnlyList<JournalledEvent> events) =>
        [.. attempts.Where(d => !events.Any(e => e.Event is TrialCompleted c && c.Number == d.Number && c.Attempt == d.Attempt))];

    /// <summary>
    /// Each attempt in <paramref name="unfinished"/> was requeued (<c>trial-requeued.v1</c>: its worker was lost)
    /// or released (<c>trial-released.v1</c>: its assignment never reached the worker), and its trial completed in
    /// a later attempt. Returns the requeued ones: the attempts the kill took.
    /// </summary>
    private static List<TrialDispatched> AssertRunAgain(IEnumerable<TrialDispatched> unfinished, ExportedStudy after, IReadOnlyList<JournalledEvent> events, string why)
    {
        var requeued = new List<TrialDispatched>();
        foreach (var t in unfinished)
        {
            var wasRequeued = events.Any(e => e.Event is TrialRequeued r && r.Number == t.Number && r.Attempt == t.Attempt);
            var wasReleased = events.Any(e => e.Event is TrialReleased r && r.Number == t.Number && r.Attempt == t.Attempt);
            (wasRequeued || wasReleased).ShouldBeTrue($"trial {t.Number} attempt {t.Attempt} {why} and recorded no result; it must have been requeued or released");
            after.Trials[t.Number].Attempts.ShouldBeGreaterThan(t.Attempt, $"trial {t.Number} attempt {t.Attempt} {why}; it must have run again");
            if (wasRequeued)
            {
                requeued.Add(t);
            }
        }

        return requeued;
    }

    /// <summary>The address of the coordinator the study's announcement names, or null when it is not announced (or nothing answers in time).</summary>
    private static async Task<string?> HostOfAsync(ClusterConnection connection, string study)
    {
        try
        {
            return (await connection.GetClusterAsync(TimeSpan.FromSeconds(2))).Studies.FirstOrDefault(s => s.Study == study)?.Host;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>True when the study answers a query within 2 s.</summary>
    private static async Task<bool> AnswersAsync(ClusterConnection connection, string study)
    {
        try
        {
            return (await connection.GetStudyAsync(study, TimeSpan.FromSeconds(2))).State.IsCreated;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>When the last trial of the budget was recorded.</summary>
    private static DateTime DoneAt(IReadOnlyList<JournalledEvent> events) =>
        events.Where(e => e.Event is TrialCompleted or TrialFailed).Select(e => e.Written).Max();

    /// <summary>Writes a measurement to the test output and appends it to cluster-failover.txt.</summary>
    private void Record(string scenario, string text)
    {
        var line = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} ({scenario}) {text}";
        _output.WriteLine(line);
        File.AppendAllText(Path.Combine(Artifacts, "cluster-failover.txt"), line + Environment.NewLine);
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Now() => DateTime.UtcNow.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>When a kill happened, the study in the journal right after it, and an export started then.</summary>
    private sealed record Kill(DateTime At, StudyState State, Task<ExportedStudy> Before);
}
