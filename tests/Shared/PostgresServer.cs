using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorTuner.Testing;

/// <summary>
/// A real PostgreSQL server for the tests and the throughput benchmark (this file is linked into both): initdb and pg_ctl from the machine's PostgreSQL binaries, a
/// temporary data folder, a free loopback port, trust authentication on loopback only. Run as the
/// <c>postgres</c> user when the tests run as root (PostgreSQL refuses root). A machine without the binaries
/// fails the tests with a message saying what to install; it never skips them.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly bool _asPostgresUser;

    public PostgresServer()
    {
        _bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin or on PATH; " +
            "install them (Debian: apt-get install postgresql) to run the PostgreSQL journal tests");
        _asPostgresUser = Environment.UserName == "root";
        _dataDir = Path.Combine(Path.GetTempPath(), $"actortuner-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDir);
        if (_asPostgresUser)
        {
            Run("chown", ["postgres", _dataDir], asPostgres: false);
        }

        Port = FreePort();
        Run(Path.Combine(_bin, "initdb"), ["-D", _dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
        Start();
    }

    /// <summary>Starts the server (again) on the same port and data.</summary>
    public void Start() =>
        Run(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-w", "-t", "60", "-l", Path.Combine(_dataDir, "server.log"),
            "-o", $"-p {Port} -k {_dataDir} -c listen_addresses=127.0.0.1 -c fsync=off", "start"]);

    /// <summary>Stops the server at once, dropping its connections, as a crashed database would.</summary>
    public void Stop() => Run(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"]);

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>An Npgsql connection string to the server's <c>postgres</c> database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true";

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin"))
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return candidates.Concat(onPath).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>
    /// Creates a fresh database called <paramref name="name"/> (letters, digits and '_') and returns an Npgsql
    /// connection string to it, so each cluster test has a journal of its own (sharding keeps its
    /// coordinator's state in the journal).
    /// </summary>
    public string CreateDatabase(string name)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"database name '{name}': use letters, digits and '_'", nameof(name));
        }

        using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name}";
            command.ExecuteNonQuery();
        }

        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Pooling=true";
    }

    /// <summary>A loopback TCP port free at the time of the call.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string program, IReadOnlyList<string> arguments, bool? asPostgres = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres ?? _asPostgresUser)
        {
            // runuser takes the argument list as is; no shell in between.
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stderr}{stdout.Result}");
        }
    }
}
