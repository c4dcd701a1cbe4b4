using System.Diagnostics;
using System.Text;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// The built <c>actortuner</c> executable run as a real child process (the dotnet host with
/// <c>actortuner.dll</c>, which the project reference copies beside the test assembly), its stdout and stderr
/// collected as they arrive. No shell anywhere: arguments go as a list.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The process id (the dotnet host runs the app in its own process).</summary>
    public int Id => _process.Id;

    /// <summary>Everything printed to stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything printed to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The exit code (only after <see cref="WaitForExitAsync"/>).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Starts <c>actortuner ARGS...</c> in <paramref name="workingDirectory"/>.</summary>
    public static CliProcess Start(string workingDirectory, params string[] arguments)
    {
        var (host, prefix) = Launcher();
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(a);
        }

        // Plain output (one line per finished trial), no ANSI, no environment storage leaking in.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["TERM"] = "dumb";
        start.Environment.Remove("ACTORTUNER_STORAGE");
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (cli._stdout)
            {
                cli._stdout.AppendLine(e.Data);
                cli._lines.Add(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (cli._stderr)
                {
                    cli._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => cli._exited.TrySetResult();
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {host} {string.Join(' ', start.ArgumentList)}");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs <c>actortuner ARGS...</c> to its end (failing with its output after <paramref name="timeout"/>).</summary>
    public static async Task<CliProcess> RunAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var cli = Start(workingDirectory, arguments);
        await cli.WaitForExitAsync(timeout);
        return cli;
    }

    /// <summary>How many stdout lines start with <paramref name="prefix"/>.</summary>
    public int CountLines(string prefix)
    {
        lock (_stdout)
        {
            return _lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing with the process output when it exits first or after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<CliProcess, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"actortuner exited ({_process.ExitCode}) before {what}.\n{Output()}");
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"actortuner did not reach '{what}' within {timeout.TotalSeconds} s.\n{Output()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the process to exit and for its output to drain; after <paramref name="timeout"/> kills it and fails with its output.</summary>
    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        if (await Task.WhenAny(_exited.Task, Task.Delay(timeout)) != _exited.Task)
        {
            KillTree();
            throw new TimeoutException($"actortuner did not exit within {timeout.TotalSeconds} s; killed.\n{Output()}");
        }

        // The redirected streams reach their end after the exit event; this waits for them.
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL to the process and every descendant (the objective processes too), as a crash would.</summary>
    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }

        _process.WaitForExit();
    }

    /// <summary>Sends SIGINT (what Ctrl+C sends) with <c>kill -INT PID</c>.</summary>
    public void Interrupt()
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false };
        kill.ArgumentList.Add("-INT");
        kill.ArgumentList.Add(Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var p = Process.Start(kill) ?? throw new InvalidOperationException("could not start kill");
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -INT {Id} exited with {p.ExitCode}");
        }
    }

    /// <summary>Both streams, for failure messages.</summary>
    public string Output() => $"--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillTree();
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host and the path of <c>actortuner.dll</c> beside the test assembly.</summary>
    private static (string Host, string[] Prefix) Launcher()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "actortuner.dll");
        if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
        {
            throw new FileNotFoundException(
                $"the built CLI (actortuner.dll with its runtimeconfig.json) is not beside the test assembly in {AppContext.BaseDirectory}; " +
                "the test project must reference src/ActorTuner.Cli so the build copies it", dll);
        }

        return (DotnetHost(), ["exec", "--runtimeconfig", Path.ChangeExtension(dll, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(dll, ".deps.json"), dll]);
    }

    /// <summary>The dotnet host: the one running the tests when that is dotnet, else DOTNET_HOST_PATH, else the SDK's usual places.</summary>
    public static string DotnetHost()
    {
        var candidates = new[]
        {
            Environment.ProcessPath,
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } root ? Path.Combine(root, "dotnet") : null,
            "/usr/share/dotnet/dotnet",
            "/usr/lib/dotnet/dotnet",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "dotnet"),
        }.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, "dotnet")));
        return candidates.FirstOrDefault(c => c is not null && Path.GetFileName(c) == "dotnet" && File.Exists(c))
            ?? throw new FileNotFoundException("no dotnet host found (the test host's own, DOTNET_HOST_PATH, DOTNET_ROOT, /usr/share/dotnet or PATH) to run actortuner.dll");
    }
}
