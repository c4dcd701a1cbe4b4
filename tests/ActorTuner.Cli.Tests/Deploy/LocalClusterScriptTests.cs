using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ActorTuner.Cli.Tests.EndToEnd;
using Xunit.Abstractions;
using static ActorTuner.Cli.Tests.Deploy.DeploymentFiles;

namespace ActorTuner.Cli.Tests.Deploy;

/// <summary>
/// local-cluster.sh for real: it starts PostgreSQL and the five nodes (with the CLI the tests were built with,
/// so nothing is published), a study is submitted and followed to its end, and after <c>stop</c> no process
/// it started is left. Needs PostgreSQL's server binaries, like the journal tests, and python3.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed partial class LocalClusterScriptTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Starts_five_nodes_runs_a_study_and_stops_without_leaving_a_process()
    {
        using var study = new StudyFolder();
        var state = Path.Combine(study.Path, "cluster");
        var basePort = FreePortRange(5);
        var contacts = $"127.0.0.1:{basePort},127.0.0.1:{basePort + 1}";
        var environment = new Dictionary<string, string> { ["DOTNET"] = CliProcess.DotnetHost(), ["NO_COLOR"] = "1" };
        var clock = Stopwatch.StartNew();
        var pids = new List<int>();
        var stopped = false;
        try
        {
            var (exit, stdout, stderr) = await RunScriptAsync(
                ["start", "--state", state, "--base-port", Invariant(basePort), "--bin", AppContext.BaseDirectory, "--timeout", "180"], environment, StartTimeout);
            output.WriteLine($"start: {clock.Elapsed.TotalSeconds:0.0} s");
            exit.ShouldBe(0, $"local-cluster.sh start\n{stdout}\n{stderr}\n{Logs(state)}");
            stdout.ShouldContain("5 node(s), 3 worker node(s), 0/6 slot(s) in use");
            pids.AddRange(Directory.GetFiles(Path.Combine(state, "pids"), "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture)));
            pids.Count.ShouldBe(5);

            // The status a user would ask for, through the CLI, independently of the script's own wait.
            using (var status = await CliProcess.RunAsync(study.Path, TimeSpan.FromMinutes(1), "status", "--cluster", contacts))
            {
                status.ExitCode.ShouldBe(0, status.Output());
                UpRow().Count(status.Stdout).ShouldBe(5, status.Output());
            }

            await File.WriteAllTextAsync(study.StudyFile, $$"""
                study {
                  name = deploy-smoke
                  direction = minimize
                  trials = 12
                  parallelism = 6
                  seed = 3
                  sampler { type = random }
                  space { x { type = float, low = -5, high = 5 } }
                  objective {
                    command = [{{StudyFolder.Python}}, -c, "import sys; print(float(sys.argv[1]) ** 2)", "${x}"]
                    timeout = 1m
                  }
                }
                """);
            var submitted = clock.Elapsed;
            using (var submit = await CliProcess.RunAsync(study.Path, TimeSpan.FromMinutes(3), "submit", study.StudyFile, "--cluster", contacts, "--wait"))
            {
                output.WriteLine($"submit --wait: {(clock.Elapsed - submitted).TotalSeconds:0.0} s");
                submit.ExitCode.ShouldBe(0, submit.Output() + Logs(state));
                submit.Stdout.ShouldContain("12/12 trials finished (0 failed)");
            }

            var stopping = clock.Elapsed;
            (exit, stdout, stderr) = await RunScriptAsync(["stop", "--state", state], environment, StopTimeout);
            stopped = true;
            output.WriteLine($"stop: {(clock.Elapsed - stopping).TotalSeconds:0.0} s; in all {clock.Elapsed.TotalSeconds:0.0} s");
            exit.ShouldBe(0, $"local-cluster.sh stop\n{stdout}\n{stderr}");
            stdout.ShouldContain("stopping PostgreSQL");
            foreach (var pid in pids)
            {
                Alive(pid).ShouldBeFalse($"node pid {pid} is still running after stop\n{Logs(state)}");
            }

            File.Exists(Path.Combine(state, "postgres", "postmaster.pid")).ShouldBeFalse("PostgreSQL still runs after stop");
            Leftovers(study.Path).ShouldBeEmpty("processes left with the study folder (the cluster's state is inside) in their command line or as their working directory");
        }
        finally
        {
            if (!stopped)
            {
                // A failed assertion above: stop what the script started, whatever state it is in.
                await RunScriptAsync(["stop", "--state", state], environment, StopTimeout);
            }
        }
    }

    [GeneratedRegex(@"(\||│) *Up *(\||│) *yes *(\||│)")]
    private static partial Regex UpRow();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports that are free now.</summary>
    private static int FreePortRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var first = Random.Shared.Next(20000, 60000 - count);
            if (Enumerable.Range(first, count).All(Free))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"no {count} consecutive free loopback ports found");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Processes whose command line or working directory is inside <paramref name="folder"/> (PostgreSQL, the nodes' objectives).</summary>
    private static List<string> Leftovers(string folder)
    {
        var left = new List<string>();
        foreach (var proc in Directory.GetDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
        {
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                var workingDirectory = new FileInfo(Path.Combine(proc, "cwd")).LinkTarget ?? string.Empty;
                if (commandLine.Contains(folder, StringComparison.Ordinal) || workingDirectory.StartsWith(folder, StringComparison.Ordinal))
                {
                    left.Add($"{Path.GetFileName(proc)}: {commandLine}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return left;
    }

    private static string Logs(string state)
    {
        var logs = Path.Combine(state, "logs");
        if (!Directory.Exists(logs))
        {
            return string.Empty;
        }

        return string.Concat(Directory.GetFiles(logs, "*.log").Order().Select(f =>
            $"\n--- {Path.GetFileName(f)} (last 30 lines) ---\n{string.Join('\n', File.ReadLines(f).TakeLast(30))}"));
    }
}
