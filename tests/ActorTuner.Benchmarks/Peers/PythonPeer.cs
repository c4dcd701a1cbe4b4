using System.Diagnostics;

namespace ActorTuner.Benchmarks.Peers;

/// <summary>
/// Runs the Optuna peer script (<c>python/optuna_peer.py</c>, owned by the Python side of the benchmarks)
/// as a child process with an argument list (no shell), forwarding its output line by line.
/// </summary>
public static class PythonPeer
{
    /// <summary>The interpreter: Debian's, where python3-optuna is installed.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>The script's path relative to the repository root (and, under <c>python/</c>, to the built executable).</summary>
    public const string ScriptInRepository = "tests/ActorTuner.Benchmarks/python/optuna_peer.py";

    /// <summary>
    /// The script: beside the built executable (<c>python/optuna_peer.py</c>, copied by the build), else in the
    /// project folder found by walking up from the working directory or the executable's folder; null if none exists.
    /// </summary>
    public static string? FindScript()
    {
        var besideExe = Path.Combine(AppContext.BaseDirectory, "python", "optuna_peer.py");
        if (File.Exists(besideExe))
        {
            return besideExe;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, ScriptInRepository);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Runs <c>python3 script args...</c>, writing each line it prints to <paramref name="output"/> behind
    /// <paramref name="prefix"/>, and returns its exit code.
    /// </summary>
    public static async Task<int> RunAsync(string script, IReadOnlyList<string> arguments, TextWriter output, string prefix, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = start };
        void Forward(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.WriteLine($"{prefix} {e.Data}");
                }
            }
        }

        process.OutputDataReceived += Forward;
        process.ErrorDataReceived += Forward;
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {Python} ({e.Message}); the Optuna peers need Debian's python3 and python3-optuna", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit(); // flushes the redirected streams
        return process.ExitCode;
    }

    /// <summary>A fresh temporary file path for a peer's output.</summary>
    public static string TempOutput(string kind) => Path.Combine(Path.GetTempPath(), $"actortuner-{kind}-{Guid.NewGuid():N}.jsonl");
}
