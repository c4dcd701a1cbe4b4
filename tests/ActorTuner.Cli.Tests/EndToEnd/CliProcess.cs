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
    private readonly StreamWriter? _log;
    private readonly Lock _logLock = new();
    private bool _disposed;

    private CliProcess(Process process, StreamWriter? log)
    {
        _process = process;
        _log = log;
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
    public static CliProcess Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, null, arguments);

    /// <summary>
    /// Starts <c>actortuner ARGS...</c> in <paramref name="workingDirectory"/>, also appending every line it prints
    /// (stdout and stderr, each line as it arrives) to <paramref name="logFile"/>, which outlives the process for
    /// diagnosing a failed run.
    /// </summary>
    public static CliProcess StartLogged(string workingDirectory, string logFile, params string[] arguments) => Start(workingDirectory, logFile, arguments);

    private static CliProcess Start(string workingDirectory, string? logFile, string[] arguments)
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
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("ACTORTUNER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var log = logFile is null ? null : new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        log?.WriteLine($"=== {DateTime.UtcNow:O} actortuner {string.Join(' ', arguments)}");
        var cli = new CliProcess(process, log);
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

            cli.Log(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (cli._stderr)
                {
                    cli._stderr.AppendLine(e.Data);
                }

                cli.Log(e.Data);
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

    /// <summary>True once the process has exited (killed or on its own).</summary>
    public bool HasExited => _process.HasExited;

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            KillTree();
        }

        // The redirected streams may still deliver a last line; the log is closed after them.
        _process.WaitForExit();
        _process.Dispose();
        lock (_logLock)
        {
            _log?.Dispose();
        }
    }

    private void Log(string line)
    {
        if (_log is null)
        {
            return;
        }

        lock (_logLock)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // a line that arrived after Dispose
            }
        }
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
