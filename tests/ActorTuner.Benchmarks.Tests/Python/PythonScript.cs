using System.Diagnostics;

namespace ActorTuner.Benchmarks.Tests.Python;

/// <summary>
/// Runs a script of <c>tests/ActorTuner.Benchmarks/python/</c> (copied beside the test assembly by the build) with
/// Debian's interpreter, which has python3-optuna and numpy. A missing interpreter or script fails the test:
/// these tests are the only check that the Python peers agree with the C# runner.
/// </summary>
internal static class PythonScript
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>The script's path, or a failed assertion naming where it was looked for.</summary>
    public static string Path(string name)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, "python", name);
        File.Exists(path).ShouldBeTrue(
            $"{path} is missing; the build copies tests/ActorTuner.Benchmarks/python/*.py beside the test assembly");
        return path;
    }

    /// <summary>Runs <c>python3 script args</c> with <paramref name="stdin"/> and returns its exit code and output.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string script, IEnumerable<string> arguments, string stdin = "")
    {
        File.Exists(Interpreter).ShouldBeTrue(
            $"{Interpreter} is missing; install Debian's python3 with python3-optuna (apt-get install python3-optuna) to run the peer tests");
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path(script));
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit(TimeSpan.FromMinutes(5)).ShouldBeTrue($"{script} did not finish within 5 minutes");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
