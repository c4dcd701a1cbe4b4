using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// A temporary folder with a study file and its SQLite journal for the end-to-end tests: writes the file,
/// runs <c>actortuner run</c> and <c>actortuner export</c> on it, and reads the journal table directly.
/// </summary>
public sealed class StudyFolder : IDisposable
{
    /// <summary>The interpreter the objectives run with; the tests fail (never skip) without it.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Sleeps a little, then prints x².</summary>
    public const string SleepSquare = "import sys,time; time.sleep(0.3); print(float(sys.argv[1])**2)";

    /// <summary>Generous bound for a whole run; reaching it fails the test with the process output.</summary>
    public static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    public StudyFolder()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing; the end-to-end tests run their objectives with it (Debian: apt-get install python3)");
        }

        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actortuner-e2e-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string StudyFile => System.IO.Path.Combine(Path, "study.conf");

    public string Database => System.IO.Path.Combine(Path, "e2e.db");

    public string Storage => $"sqlite:{Database}";

    /// <summary>Writes study.conf: study <c>e2e</c>, x in [-2, 2], the objective <c>python3 -c SCRIPT ${x}</c>.</summary>
    public string WriteStudy(int trials, int parallelism, string script = SleepSquare, string sampler = "random", string extraKeys = "")
    {
        var text = $$"""
            study {
              name = e2e
              direction = minimize
              trials = {{trials}}
              parallelism = {{parallelism}}
              seed = 3
              {{extraKeys}}
              sampler { type = {{sampler}} }
              space {
                x { type = float, low = -2, high = 2 }
              }
              objective {
                command = [{{Python}}, -c, {{JsonSerializer.Serialize(script)}}, "${x}"]
                mode = one-shot
                timeout = 60s
              }
            }
            """;
        File.WriteAllText(StudyFile, text);
        return StudyFile;
    }

    /// <summary>Starts <c>actortuner run study.conf --storage sqlite:e2e.db</c>.</summary>
    public CliProcess StartRun() => CliProcess.Start(Path, "run", StudyFile, "--storage", Storage);

    /// <summary>Starts <c>actortuner run</c> and returns once it has printed <paramref name="finished"/> finished trials.</summary>
    public async Task<CliProcess> StartRunAsync(int finished)
    {
        var run = StartRun();
        try
        {
            await run.WaitUntilAsync(p => p.CountLines("trial ") >= finished, RunTimeout, $"{finished} finished trials");
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>actortuner run</c> to its end.</summary>
    public Task<CliProcess> RunAsync() => CliProcess.RunAsync(Path, RunTimeout, "run", StudyFile, "--storage", Storage);

    /// <summary><c>actortuner export e2e --format json</c>, parsed; fails with the output unless it exits 0.</summary>
    public async Task<ExportedStudy> ExportAsync()
    {
        using var export = await CliProcess.RunAsync(Path, TimeSpan.FromMinutes(1), "export", "e2e", "--storage", Storage, "--format", "json");
        export.ExitCode.ShouldBe(0, export.Output());
        return ExportedStudy.Parse(export.Stdout);
    }

    /// <summary>Per trial number, how many <c>trial-completed.v1</c> and <c>trial-failed.v1</c> events the journal table holds.</summary>
    public IReadOnlyDictionary<int, int> ResultsPerTrial()
    {
        var results = new Dictionary<int, int>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT message FROM journal WHERE persistence_id = 'study-e2e' AND manifest IN ('trial-completed.v1', 'trial-failed.v1')";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var payload = JsonDocument.Parse(Encoding.UTF8.GetString((byte[])reader["message"]));
            var number = payload.RootElement.GetProperty("number").GetInt32();
            results[number] = results.GetValueOrDefault(number) + 1;
        }

        return results;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }
}
