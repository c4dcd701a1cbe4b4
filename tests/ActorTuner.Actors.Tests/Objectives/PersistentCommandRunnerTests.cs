using System.Collections.Concurrent;
using System.Collections.Immutable;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Tests.Objectives;

public sealed class PersistentCommandRunnerTests : IDisposable
{
    // Answers each request by its "mode" parameter; writes "eof" to $MARKER when stdin ends.
    private const string Server = """
        import json, os, sys, time
        print("Loading model weights... (a banner, not JSON)")
        for line in sys.stdin:
            request = json.loads(line)
            n, mode = request["trial"], request["params"].get("mode", "pid")
            if mode == "pid":
                print(json.dumps({"trial": n, "value": os.getpid()}))
            elif mode == "slot":
                print(json.dumps({"trial": n, "value": int(os.environ["ACTORTUNER_SLOT"])}))
            elif mode == "error":
                print(json.dumps({"trial": n, "error": "the batch size is too large"}))
            elif mode == "crash":
                print("about to crash")
                sys.stderr.write("Traceback: segfault in the model\n")
                sys.stderr.flush()
                os._exit(3)
            elif mode == "exit":
                print(json.dumps({"trial": n, "value": 1.0}))
                sys.exit(0)
            elif mode == "quit":
                sys.exit(0)
            elif mode == "sleep":
                print(json.dumps({"trial": n, "step": 0, "value": os.getpid()}))
                time.sleep(60)
            elif mode == "chatter":
                print("epoch 1 ...")
                print(json.dumps({"trial": n + 100, "value": 99.0}))
                print(json.dumps({"hello": "no trial"}))
                print(json.dumps({"trial": n, "step": 1, "value": 0.9}))
                print(json.dumps({"trial": n, "step": 2, "value": 0.7}))
                print(json.dumps({"trial": n, "value": 0.5}))
            elif mode == "nan":
                print(json.dumps({"trial": n, "value": float("nan")}))
        with open(os.environ["MARKER"], "w") as f:
            f.write("eof")
        """;

    private readonly PythonScripts _scripts = new();
    private readonly string _marker;

    public PersistentCommandRunnerTests() => _marker = Path.Combine(_scripts.Folder, "marker");

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task Several_trials_reuse_one_process()
    {
        await using var runner = Runner();

        var pids = new List<double>();
        for (var n = 0; n < 3; n++)
        {
            pids.Add((await runner.RunAsync(Trial(n, "pid"), CancellationToken.None)).ShouldBeOfType<CompletedOutcome>().Value);
        }

        pids.Distinct().Count().ShouldBe(1);
        pids[0].ShouldBe(runner.ProcessId!.Value);
    }

    [Fact]
    public async Task An_error_answer_fails_the_trial_with_its_message_and_the_process_goes_on()
    {
        await using var runner = Runner();
        var pid = await runner.RunAsync(Trial(0, "pid"), CancellationToken.None);

        var outcome = await runner.RunAsync(Trial(1, "error"), CancellationToken.None);

        outcome.ShouldBe(TrialOutcome.Failed("the objective reported an error: the batch size is too large"));
        (await runner.RunAsync(Trial(2, "pid"), CancellationToken.None)).ShouldBe(pid);
    }

    [Fact]
    public async Task A_crash_mid_trial_fails_it_with_the_exit_and_the_next_trial_runs_in_a_new_process()
    {
        await using var runner = Runner();
        var first = (await runner.RunAsync(Trial(0, "pid"), CancellationToken.None)).ShouldBeOfType<CompletedOutcome>().Value;

        var reason = (await runner.RunAsync(Trial(1, "crash"), CancellationToken.None)).ShouldBeOfType<FailedOutcome>().Reason;

        reason.ShouldContain("exited with code 3 during trial 1");
        reason.ShouldContain("Traceback: segfault in the model");
        reason.ShouldContain("about to crash");
        var second = (await runner.RunAsync(Trial(2, "pid"), CancellationToken.None)).ShouldBeOfType<CompletedOutcome>().Value;
        second.ShouldNotBe(first);
    }

    [Fact]
    public async Task A_process_that_exits_between_trials_is_started_again()
    {
        await using var runner = Runner();
        (await runner.RunAsync(Trial(0, "exit"), CancellationToken.None)).ShouldBe(TrialOutcome.Completed(1.0));

        (await runner.RunAsync(Trial(1, "pid"), CancellationToken.None)).ShouldBeOfType<CompletedOutcome>();
    }

    [Fact]
    public async Task A_process_that_exits_cleanly_without_answering_fails_the_trial_after_one_restart()
    {
        await using var runner = Runner();

        var reason = (await runner.RunAsync(Trial(0, "quit"), CancellationToken.None)).ShouldBeOfType<FailedOutcome>().Reason;

        reason.ShouldContain("exited with code 0 during trial 0");
        reason.ShouldContain("Loading model weights");
    }

    [Fact]
    public async Task Banners_and_lines_for_other_trials_are_ignored_and_reports_reach_the_trial()
    {
        await using var runner = Runner();
        var reports = new ConcurrentQueue<(int, double)>();

        var outcome = await runner.RunAsync(Trial(5, "chatter", (k, v) => reports.Enqueue((k, v))), CancellationToken.None);

        outcome.ShouldBe(TrialOutcome.Completed(0.5));
        reports.ShouldBe([(1, 0.9), (2, 0.7)]);
    }

    [Fact]
    public async Task A_NaN_answer_fails_the_trial()
    {
        await using var runner = Runner();

        (await runner.RunAsync(Trial(0, "nan"), CancellationToken.None)).ShouldBe(TrialOutcome.Failed("the objective returned NaN"));
    }

    [Fact]
    public async Task The_slot_is_in_the_environment()
    {
        await using var runner = Runner(slot: 4);

        (await runner.RunAsync(Trial(0, "slot"), CancellationToken.None)).ShouldBe(TrialOutcome.Completed(4));
    }

    [Fact]
    public async Task A_timeout_kills_the_process_fails_the_trial_and_the_next_trial_starts_a_new_process()
    {
        await using var runner = Runner(timeout: TimeSpan.FromSeconds(1));
        var pid = 0;

        var outcome = await runner.RunAsync(Trial(0, "sleep", (_, v) => pid = (int)v), CancellationToken.None);

        outcome.ShouldBeOfType<FailedOutcome>().Reason.ShouldContain("timed out after 1 s on trial 0");
        (await PythonScripts.GoneAsync(pid)).ShouldBeTrue("the persistent process outlived its timeout");
        var next = (await runner.RunAsync(Trial(1, "pid"), CancellationToken.None)).ShouldBeOfType<CompletedOutcome>().Value;
        next.ShouldNotBe(pid);
    }

    [Fact]
    public async Task Cancellation_kills_the_process_and_throws()
    {
        await using var runner = Runner();
        using var stop = new CancellationTokenSource();
        var pid = 0;

        await Should.ThrowAsync<OperationCanceledException>(() => runner.RunAsync(
            Trial(0, "sleep", (_, v) =>
            {
                pid = (int)v;
                stop.Cancel();
            }),
            stop.Token));

        (await PythonScripts.GoneAsync(pid)).ShouldBeTrue("the persistent process outlived the cancellation");
        runner.ProcessId.ShouldBeNull();
    }

    [Fact]
    public async Task Disposing_closes_stdin_and_the_process_exits_on_its_own()
    {
        var runner = Runner();
        var pid = (int)(await runner.RunAsync(Trial(0, "pid"), CancellationToken.None)).ShouldBeOfType<CompletedOutcome>().Value;

        await runner.DisposeAsync();

        (await File.ReadAllTextAsync(_marker)).ShouldBe("eof");
        (await PythonScripts.GoneAsync(pid)).ShouldBeTrue();
        await Should.ThrowAsync<ObjectDisposedException>(() => runner.RunAsync(Trial(1, "pid"), CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_program_fails_the_trial()
    {
        var spec = new CommandObjectiveSpec(["actortuner-no-such-program"], CommandMode.Persistent, TimeSpan.FromSeconds(5),
            _scripts.Folder, ImmutableDictionary<string, string>.Empty);
        await using var runner = new PersistentCommandRunner(spec);

        var reason = (await runner.RunAsync(Trial(0, "pid"), CancellationToken.None)).ShouldBeOfType<FailedOutcome>().Reason;

        reason.ShouldContain("cannot start 'actortuner-no-such-program'");
    }

    private static Trial Trial(int number, string mode, Action<int, double>? report = null) =>
        PythonScripts.Trial(number, report, ("mode", mode), ("lr", 0.01));

    private PersistentCommandRunner Runner(TimeSpan? timeout = null, int? slot = null) =>
        new(_scripts.Spec("server.py", Server, CommandMode.Persistent, timeout,
            ImmutableDictionary<string, string>.Empty.Add("MARKER", _marker)), slot);
}
