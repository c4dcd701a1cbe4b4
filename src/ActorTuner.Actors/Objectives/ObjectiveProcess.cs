using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Objectives;

/// <summary>
/// One started objective process: its program and arguments straight to the operating system (never a
/// shell), stdout read line by line by the caller, stderr drained all the time into a bounded tail so that a
/// chatty process never blocks on a full pipe, and killing that takes the whole process tree.
/// </summary>
internal sealed class ObjectiveProcess : IDisposable
{
    private const string SetSid = "/usr/bin/setsid";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly string[] SignalNames =
        ["", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
         "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM"];

    private readonly Process _process;
    private readonly Task _stderrPump;

    private ObjectiveProcess(Process process, string program)
    {
        _process = process;
        Program = program;
        Id = process.Id;
        _stderrPump = Task.Run(PumpErrorsAsync);
    }

    /// <summary>The program as the command names it.</summary>
    public string Program { get; }

    /// <summary>The process id.</summary>
    public int Id { get; }

    /// <summary>The last lines of stderr.</summary>
    public OutputTail Errors { get; } = new(maxLines: 20, maxChars: 4096);

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="arguments"/> (the program first) in the spec's working directory with the spec's
    /// environment plus <paramref name="environment"/>. Returns null and says why when it cannot start.
    /// </summary>
    public static ObjectiveProcess? TryStart(
        CommandObjectiveSpec spec,
        IReadOnlyList<string> arguments,
        IEnumerable<KeyValuePair<string, string>> environment,
        [NotNullWhen(false)] out string? failure)
    {
        var program = arguments[0];
        var resolved = Locate(spec, program, environment, out failure);
        if (resolved is null)
        {
            return null;
        }

        var directory = Path.GetFullPath(string.IsNullOrEmpty(spec.WorkingDirectory) ? "." : spec.WorkingDirectory);

        // The objective gets a session of its own (setsid, no shell), so the terminal's Ctrl+C reaches only
        // actortuner, which cancels the trial, kills the objective's tree and hands the trial back; otherwise the
        // objective would die of the same SIGINT first and its trial be recorded as failed.
        var isolate = OperatingSystem.IsLinux() && File.Exists(SetSid);
        var start = new ProcessStartInfo(isolate ? SetSid : resolved)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        if (isolate)
        {
            start.ArgumentList.Add(resolved);
        }

        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        // Python buffers stdout in blocks when it goes to a pipe: reports would arrive late and a persistent
        // script that forgets flush would never answer. The spec's environment may still set it otherwise.
        start.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (key, value) in (spec.Environment ?? []).Concat(environment))
        {
            start.Environment[key] = value;
        }

        try
        {
            var process = Process.Start(start);
            if (process is null)
            {
                failure = $"cannot start '{program}' in '{directory}': the operating system started no process";
                return null;
            }

            failure = null;
            return new ObjectiveProcess(process, program);
        }
        catch (Win32Exception e)
        {
            failure = $"cannot start '{program}' in '{directory}': {e.Message}. The command is never run through a shell: " +
                "name a program on PATH, an absolute path, or a path relative to the working directory (and make it executable)";
            return null;
        }
    }

    /// <summary>
    /// Why the spec's command cannot start on this machine (its working directory or its program is missing),
    /// or null when it can; a worker node checks this before it takes a study's trials, so a node without the
    /// program does not fail trials that another node could run.
    /// </summary>
    public static string? CannotStart(CommandObjectiveSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var program = spec.Command.IsDefaultOrEmpty ? string.Empty : spec.Command[0];
        return program.Contains("${", StringComparison.Ordinal) ? null : (Locate(spec, program, [], out var failure) is null ? failure : null);
    }

    private static string? Locate(CommandObjectiveSpec spec, string program, IEnumerable<KeyValuePair<string, string>> environment, out string? failure)
    {
        var directory = Path.GetFullPath(string.IsNullOrEmpty(spec.WorkingDirectory) ? "." : spec.WorkingDirectory);
        if (!Directory.Exists(directory))
        {
            failure = $"cannot start '{program}': the working directory '{directory}' does not exist";
            return null;
        }

        // A relative path such as ./train.sh means the working directory, as it would after cd in a shell;
        // the runtime would resolve it against this process's own current directory.
        var fileName = !Path.IsPathRooted(program) && program.IndexOfAny(['/', Path.DirectorySeparatorChar]) >= 0
            ? Path.GetFullPath(Path.Combine(directory, program))
            : program;
        var search = environment.Concat(spec.Environment ?? []).FirstOrDefault(kv => kv.Key == "PATH").Value
            ?? System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var resolved = Resolve(fileName, search);
        failure = resolved is null
            ? $"cannot start '{program}' in '{directory}': no such executable file. The command is never run through a shell: " +
                "name a program on PATH, an absolute path, or a path relative to the working directory (and make it executable)"
            : null;
        return resolved;
    }

    /// <summary>
    /// The executable <paramref name="fileName"/> names: itself when it holds a '/', else the first executable
    /// file of that name in <paramref name="searchPath"/>; null when there is none.
    /// </summary>
    private static string? Resolve(string fileName, string searchPath)
    {
        if (fileName.Contains('/', StringComparison.Ordinal))
        {
            return IsExecutable(fileName) ? fileName : null;
        }

        return searchPath.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, fileName))
            .FirstOrDefault(IsExecutable);
    }

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    /// <summary>The next stdout line, or null at the end of stdout.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellation) =>
        await _process.StandardOutput.ReadLineAsync(cancellation).ConfigureAwait(false);

    /// <summary>Writes <paramref name="line"/> and a newline to stdin and flushes.</summary>
    public async Task WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellation)
    {
        var input = _process.StandardInput.BaseStream;
        await input.WriteAsync(line, cancellation).ConfigureAwait(false);
        await input.WriteAsync("\n"u8.ToArray(), cancellation).ConfigureAwait(false);
        await input.FlushAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Closes stdin, so that a process reading it sees the end of its input.</summary>
    public void CloseInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process is gone and the pipe broken: nothing left to close.
        }
    }

    /// <summary>Waits for the process to exit, for at most <paramref name="limit"/>; says whether it did.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits for the process to exit.</summary>
    public Task WaitForExitAsync(CancellationToken cancellation) => _process.WaitForExitAsync(cancellation);

    /// <summary>
    /// Waits, for at most <paramref name="limit"/>, until stderr is read to its end (a child that outlives the
    /// process may hold it open, hence the limit).
    /// </summary>
    public async Task DrainErrorsAsync(TimeSpan limit)
    {
        try
        {
            await _stderrPump.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Quote what has arrived so far.
        }
    }

    /// <summary>Kills the process and all its descendants; nothing happens when it has already exited.</summary>
    public void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
        catch (Win32Exception)
        {
            // A descendant could not be killed (it exited meanwhile, or belongs to someone else).
        }
    }

    /// <summary>
    /// How the exited process ended, for a failure reason: the exit code, and on Unix the signal when the
    /// code is 128 + n (the runtime's encoding of death by signal n; a program exiting with such a code
    /// itself looks the same).
    /// </summary>
    public string DescribeExit()
    {
        var code = _process.ExitCode;
        if (!OperatingSystem.IsWindows() && code is > 128 and < 128 + 65)
        {
            var signal = code - 128;
            var name = signal < SignalNames.Length ? $" ({SignalNames[signal]})" : "";
            return string.Create(CultureInfo.InvariantCulture, $"was killed by signal {signal}{name} (exit code {code})");
        }

        return string.Create(CultureInfo.InvariantCulture, $"exited with code {code}");
    }

    /// <summary>The exit code of the exited process.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Kills what is left of the process tree and releases the process.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillTree();
        }

        _process.Dispose();
    }

    private async Task PumpErrorsAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Errors.Add(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process was disposed: its stderr is gone with it.
        }
    }
}
