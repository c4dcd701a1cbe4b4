using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Tests.Objectives;

public sealed class OneShotCommandRunnerTests : IDisposable
{
    // Prints its first argument as it is: the objective's stdout.
    private const string Echo = """
        import sys
        print(sys.argv[1])
        """;

    private readonly PythonScripts _scripts = new();

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task Placeholders_are_filled_and_each_value_arrives_as_one_literal_argument_without_a_shell()
    {
        var output = Path.Combine(_scripts.Folder, "seen.json");
        var pwned = Path.Combine(_scripts.Folder, "pwned");
        var hostile = $"a b; touch {pwned} && echo $HOME `id` | cat > {pwned}";
        var spec = _scripts.Spec("args.py", """
            import json, os, sys
            keys = ["ACTORTUNER_PARAMS", "ACTORTUNER_TRIAL", "ACTORTUNER_ATTEMPT", "FROM_SPEC"]
            with open(sys.argv[1], "w") as f:
                json.dump({"argv": sys.argv[2:], "env": {k: os.environ.get(k) for k in keys}, "cwd": os.getcwd()}, f)
            print(1.5)
            """,
            environment: ImmutableDictionary<string, string>.Empty.Add("FROM_SPEC", "yes"),
            arguments: [output, "--lr=${lr}", "${name}", "${n}-${flag}", "plain"]);
        await using var runner = new OneShotCommandRunner(spec);
        var trial = new Trial(7, 2, new([new("lr", 0.001), new("name", hostile), new("n", 3), new("flag", true)]));

        (await runner.RunAsync(trial, CancellationToken.None)).ShouldBe(TrialOutcome.Completed(1.5));

        using var seen = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        seen.RootElement.GetProperty("argv").EnumerateArray().Select(a => a.GetString())
            .ShouldBe(["--lr=0.001", hostile, "3-true", "plain"]);
        File.Exists(pwned).ShouldBeFalse();
        var env = seen.RootElement.GetProperty("env");
        env.GetProperty("ACTORTUNER_TRIAL").GetString().ShouldBe("7");
        env.GetProperty("ACTORTUNER_ATTEMPT").GetString().ShouldBe("2");
        env.GetProperty("FROM_SPEC").GetString().ShouldBe("yes");
        using var parameters = JsonDocument.Parse(env.GetProperty("ACTORTUNER_PARAMS").GetString()!);
        parameters.RootElement.GetProperty("lr").GetDouble().ShouldBe(0.001);
        parameters.RootElement.GetProperty("name").GetString().ShouldBe(hostile);
        parameters.RootElement.GetProperty("n").GetInt64().ShouldBe(3);
        parameters.RootElement.GetProperty("flag").GetBoolean().ShouldBeTrue();
        seen.RootElement.GetProperty("cwd").GetString().ShouldBe(_scripts.Folder);
    }

    [Fact]
    public async Task A_placeholder_the_trial_has_no_value_for_fails_the_trial_naming_it()
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("echo.py", Echo, arguments: ["--depth=${depth}"]));

        var outcome = await runner.RunAsync(PythonScripts.Trial(0, null, ("lr", 0.1)), CancellationToken.None);

        var reason = outcome.ShouldBeOfType<FailedOutcome>().Reason;
        reason.ShouldContain("${depth}");
        reason.ShouldContain("no parameter 'depth'");
        reason.ShouldContain("lr");
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("  -1e-3  ", -0.001)]
    [InlineData("{\"value\": 2.5}", 2.5)]
    [InlineData("{\"value\": 7, \"note\": \"extra keys are fine\"}", 7.0)]
    public async Task The_last_line_is_the_result_as_a_bare_number_or_a_value_object(string printed, double expected)
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("echo.py", Echo, arguments: [printed]));

        (await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None)).ShouldBe(TrialOutcome.Completed(expected));
    }

    [Theory]
    [InlineData("nan", "returned NaN")]
    [InlineData("NaN", "returned NaN")]
    [InlineData("{\"value\": NaN}", "returned NaN")]
    [InlineData("inf", "infinite")]
    [InlineData("-Infinity", "infinite")]
    [InlineData("1e999", "infinite")]
    public async Task A_NaN_or_infinite_result_fails_the_trial(string printed, string expected)
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("echo.py", Echo, arguments: [printed]));

        var outcome = await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None);

        outcome.ShouldBeOfType<FailedOutcome>().Reason.ShouldContain(expected);
    }

    [Fact]
    public async Task An_unparseable_last_line_fails_quoting_it_and_saying_what_is_expected()
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("echo.py", Echo, arguments: ["accuracy: 0.9"]));

        var reason = await FailureAsync(runner);

        reason.ShouldContain("\"accuracy: 0.9\"");
        reason.ShouldContain("a number such as 0.123, or a JSON object {\"value\": 0.123}");
    }

    [Fact]
    public async Task No_output_fails_the_trial()
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("quiet.py", "import sys\nsys.stderr.write('nothing to say\\n')\n"));

        var reason = await FailureAsync(runner);

        reason.ShouldContain("printed nothing on stdout");
        reason.ShouldContain("nothing to say");
    }

    [Fact]
    public async Task Intermediate_reports_reach_the_trial_as_they_are_printed_and_the_last_line_is_the_result()
    {
        var spec = _scripts.Spec("steps.py", """
            import json
            print("epoch banner")
            for k, v in enumerate([1.0, 0.8, 0.6]):
                print(json.dumps({"step": k, "value": v}))
            print(json.dumps({"value": 0.5}))
            """);
        await using var runner = new OneShotCommandRunner(spec);
        var reports = new ConcurrentQueue<(int, double)>();

        var outcome = await runner.RunAsync(PythonScripts.Trial(0, (k, v) => reports.Enqueue((k, v))), CancellationToken.None);

        outcome.ShouldBe(TrialOutcome.Completed(0.5));
        reports.ShouldBe([(0, 1.0), (1, 0.8), (2, 0.6)]);
    }

    [Fact]
    public async Task An_intermediate_report_as_the_last_line_is_not_a_result()
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("echo.py", Echo, arguments: ["{\"step\": 3, \"value\": 0.2}"]));

        var outcome = await runner.RunAsync(PythonScripts.Trial(0, (_, _) => { }), CancellationToken.None);

        outcome.ShouldBeOfType<FailedOutcome>().Reason.ShouldContain("intermediate report");
    }

    [Fact]
    public async Task A_non_zero_exit_fails_with_the_code_and_the_tail_of_stderr()
    {
        var spec = _scripts.Spec("fail.py", """
            import sys
            print(0.5)
            for i in range(30):
                sys.stderr.write(f"err {i:02d}\n")
            sys.exit(3)
            """);
        await using var runner = new OneShotCommandRunner(spec);

        var reason = await FailureAsync(runner);

        reason.ShouldContain("exited with code 3");
        reason.ShouldContain("err 29");
        reason.ShouldContain("err 10");
        reason.ShouldNotContain("err 09");
    }

    [Fact]
    public async Task Death_by_a_signal_fails_naming_the_signal()
    {
        await using var runner = new OneShotCommandRunner(_scripts.Spec("kill.py", """
            import os, sys
            sys.stderr.write("going down\n")
            sys.stderr.flush()
            os.kill(os.getpid(), 9)
            """));

        var reason = await FailureAsync(runner);

        reason.ShouldContain("killed by signal 9 (SIGKILL)");
        reason.ShouldContain("going down");
    }

    [Fact]
    public async Task A_timeout_kills_the_process_and_its_children_and_fails_the_trial()
    {
        // Reports its child's pid and its own, then sleeps past the timeout.
        var spec = _scripts.Spec("slow.py", """
            import json, os, subprocess, sys, time
            child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
            print(json.dumps({"step": 0, "value": child.pid}))
            print(json.dumps({"step": 1, "value": os.getpid()}))
            time.sleep(60)
            """, timeout: TimeSpan.FromSeconds(1));
        await using var runner = new OneShotCommandRunner(spec);
        var pids = new ConcurrentDictionary<int, int>();

        var outcome = await runner.RunAsync(PythonScripts.Trial(0, (k, v) => pids[k] = (int)v), CancellationToken.None);

        outcome.ShouldBeOfType<FailedOutcome>().Reason.ShouldContain("timed out after 1 s");
        pids.Count.ShouldBe(2);
        (await PythonScripts.GoneAsync(pids[1])).ShouldBeTrue("the objective process outlived its timeout");
        (await PythonScripts.GoneAsync(pids[0])).ShouldBeTrue("the objective's child process outlived the timeout");
    }

    [Fact]
    public async Task Cancellation_kills_the_process_and_throws()
    {
        var spec = _scripts.Spec("wait.py", """
            import json, os, time
            print(json.dumps({"step": 0, "value": os.getpid()}))
            time.sleep(60)
            """);
        await using var runner = new OneShotCommandRunner(spec);
        using var stop = new CancellationTokenSource();
        var pid = 0;

        await Should.ThrowAsync<OperationCanceledException>(() => runner.RunAsync(
            PythonScripts.Trial(0, (_, v) =>
            {
                pid = (int)v;
                stop.Cancel();
            }),
            stop.Token));

        pid.ShouldNotBe(0);
        (await PythonScripts.GoneAsync(pid)).ShouldBeTrue("the objective process outlived the cancellation");
    }

    [Fact]
    public async Task A_missing_program_fails_naming_it_and_the_working_directory()
    {
        var spec = new CommandObjectiveSpec(["actortuner-no-such-program", "x"], CommandMode.OneShot, TimeSpan.FromSeconds(5),
            _scripts.Folder, ImmutableDictionary<string, string>.Empty);
        await using var runner = new OneShotCommandRunner(spec);

        var reason = await FailureAsync(runner);

        reason.ShouldContain("'actortuner-no-such-program'");
        reason.ShouldContain(_scripts.Folder);
    }

    [Fact]
    public async Task A_missing_working_directory_fails_naming_it()
    {
        var missing = Path.Combine(_scripts.Folder, "no-such-folder");
        var spec = _scripts.Spec("echo.py", Echo, arguments: ["1"]) with { WorkingDirectory = missing };
        await using var runner = new OneShotCommandRunner(spec);

        var reason = await FailureAsync(runner);

        reason.ShouldContain($"the working directory '{missing}' does not exist");
    }

    [Fact]
    public async Task A_relative_program_path_is_relative_to_the_working_directory()
    {
        var script = _scripts.Write("run.py", $"#!{PythonScripts.Python}\nprint(42)\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the objective runner tests run on Unix");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var spec = new CommandObjectiveSpec(["./run.py"], CommandMode.OneShot, TimeSpan.FromSeconds(30), _scripts.Folder,
            ImmutableDictionary<string, string>.Empty);
        await using var runner = new OneShotCommandRunner(spec);

        (await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None)).ShouldBe(TrialOutcome.Completed(42));
    }

    [Fact]
    public async Task A_chatty_process_does_not_block_on_full_pipes()
    {
        var spec = _scripts.Spec("chatty.py", """
            import sys
            line = "x" * 63 + "\n"
            for i in range(16384):
                sys.stderr.write(line)
                sys.stdout.write(line)
            sys.stderr.write("y" * 1048576)
            print()
            print(4.0)
            """);
        await using var runner = new OneShotCommandRunner(spec);

        (await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None)).ShouldBe(TrialOutcome.Completed(4.0));
    }

    [Fact]
    public async Task The_stderr_tail_stays_short_when_the_process_wrote_a_lot()
    {
        var spec = _scripts.Spec("loud.py", """
            import sys
            for i in range(10000):
                sys.stderr.write(f"line {i} " + "z" * 500 + "\n")
            sys.exit(1)
            """);
        await using var runner = new OneShotCommandRunner(spec);

        var reason = await FailureAsync(runner);

        reason.ShouldContain("line 9999 ");
        reason.Length.ShouldBeLessThan(5000);
    }

    private static async Task<string> FailureAsync(OneShotCommandRunner runner) =>
        (await runner.RunAsync(PythonScripts.Trial(0), CancellationToken.None)).ShouldBeOfType<FailedOutcome>().Reason;
}
