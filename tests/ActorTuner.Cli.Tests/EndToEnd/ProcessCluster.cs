using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ActorTuner.Testing;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// An ActorTuner cluster of real processes on loopback: two coordinators (<c>actortuner node --roles
/// coordinator</c>, both seed nodes) and three workers (<c>--roles worker --slots 2</c>), each on a port of its
/// own, <c>--stable-after 3s</c>, journalling to a fresh database of a real PostgreSQL server. Clients are
/// <c>actortuner submit</c> and <c>export</c> processes. Every process's output goes to a log file under
/// <see cref="Folder"/>, which is kept; disposing kills every process this cluster started.
/// </summary>
public sealed class ProcessCluster : IDisposable
{
    /// <summary>Bound for anything that should take seconds (nodes up, a study re-hosted); reaching it fails the test with the logs.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly List<CliProcess> _clients = [];

    /// <summary>
    /// A cluster (not started) with a database of its own and, in <paramref name="folder"/>, the file of the
    /// study <paramref name="study"/>: <paramref name="trials"/> trials, <paramref name="parallelism"/> at a time.
    /// </summary>
    public ProcessCluster(PostgresServer postgres, string database, string folder, string study, int trials, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        if (!File.Exists(StudyFolder.Python))
        {
            throw new InvalidOperationException($"{StudyFolder.Python} is missing; the cluster's objectives run with it (Debian: apt-get install python3)");
        }

        Folder = folder;
        Directory.CreateDirectory(folder);
        ConnectionString = postgres.CreateDatabase(database);
        var ports = new HashSet<int>();
        while (ports.Count < 5)
        {
            ports.Add(PostgresServer.FreePort());
        }

        var port = ports.ToArray();
        var seeds = $"127.0.0.1:{port[0]},127.0.0.1:{port[1]}";
        ClusterNodeProcess Node(string name, string roles, int p, params string[] extra) =>
            new(name, roles, p, folder, Path.Combine(folder, name + ".log"),
                ["node", "--roles", roles, "--host", "127.0.0.1", "--port", p.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--seed-nodes", seeds, "--storage", Storage, "--stable-after", "3s", .. extra]);
        Coordinators = [Node("coordinator-1", "coordinator", port[0]), Node("coordinator-2", "coordinator", port[1])];
        Workers = [.. Enumerable.Range(1, 3).Select(i => Node($"worker-{i}", "worker", port[1 + i], "--slots", "2"))];
        Study = study;
        StudyFile = WriteStudy(study, trials, parallelism);
        Journal = new StudyJournal(ConnectionString, study);
    }

    /// <summary>The study's name.</summary>
    public string Study { get; }

    /// <summary>The study's file.</summary>
    public string StudyFile { get; }

    /// <summary>The study's journal.</summary>
    public StudyJournal Journal { get; }

    /// <summary>Working directory of every process, and where the logs go.</summary>
    public string Folder { get; }

    /// <summary>The Npgsql connection string of the cluster's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The nodes' <c>--storage</c>.</summary>
    public string Storage => "postgres:" + ConnectionString;

    public IReadOnlyList<ClusterNodeProcess> Coordinators { get; }

    public IReadOnlyList<ClusterNodeProcess> Workers { get; }

    public IReadOnlyList<ClusterNodeProcess> Nodes => [.. Coordinators, .. Workers];

    /// <summary>Both coordinators, as <c>--cluster</c> takes them.</summary>
    public string Contacts => string.Join(',', Coordinators.Select(c => c.Endpoint));

    /// <summary>The node whose Akka address is <paramref name="address"/>.</summary>
    public ClusterNodeProcess NodeAt(string address) =>
        Nodes.SingleOrDefault(n => n.Address == address) ?? throw new InvalidOperationException($"no node of this cluster is at {address}; nodes: {string.Join(", ", Nodes.Select(n => n.Address))}");

    /// <summary>The node a worker id (<c>akka.tcp://actortuner@host:port#uid/slot-N</c>) belongs to.</summary>
    public ClusterNodeProcess NodeOfWorker(string worker) => NodeAt(worker[..worker.IndexOf('#', StringComparison.Ordinal)]);

    /// <summary>Starts every node that is not running.</summary>
    public void StartAll()
    {
        foreach (var node in Nodes.Where(n => !n.IsRunning))
        {
            node.Start();
        }
    }

    /// <summary>Waits until every node runs and has printed that it is up.</summary>
    public Task WaitUntilUpAsync() => WaitUntilAsync(() => Nodes.All(n => n.IsUp), "every node up");

    /// <summary>
    /// Polls <paramref name="condition"/> every 100 ms until it holds; fails with every node's log tail when a
    /// node exits by itself or after <see cref="Patience"/>.
    /// </summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what) => await WaitUntilAsync(() => Task.FromResult(condition()), what);

    /// <inheritdoc cref="WaitUntilAsync(Func{bool}, string)"/>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = within ?? Patience;
        var started = Nodes.Where(n => n.IsRunning).ToList();
        while (!await condition())
        {
            if (started.FirstOrDefault(n => !n.IsRunning) is { } died)
            {
                throw new InvalidOperationException($"{died.Name} exited by itself while waiting for {what}.\n{Diagnostics()}");
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"not within {limit.TotalSeconds} s: {what}.\n{Diagnostics()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts every node, waits until all are up, and submits the study with <c>--wait</c>.</summary>
    public async Task<CliProcess> StartAndSubmitAsync()
    {
        StartAll();
        await WaitUntilUpAsync();
        return Submit();
    }

    /// <summary>
    /// Writes STUDY.conf: <paramref name="trials"/> trials, <paramref name="parallelism"/> at a time, random
    /// sampler, x in [0, 1], the objective sleeps half a second and prints (x - 0.5)².
    /// </summary>
    private string WriteStudy(string name, int trials, int parallelism)
    {
        var script = "import time,sys; time.sleep(0.5); print((float(sys.argv[1])-0.5)**2)";
        var path = Path.Combine(Folder, name + ".conf");
        File.WriteAllText(path, $$"""
            study {
              name = {{name}}
              direction = minimize
              trials = {{trials}}
              parallelism = {{parallelism}}
              seed = 11
              sampler { type = random }
              space {
                x { type = float, low = 0, high = 1 }
              }
              objective {
                command = [{{StudyFolder.Python}}, -c, {{JsonSerializer.Serialize(script)}}, "${x}"]
                mode = one-shot
                timeout = 60s
              }
            }
            """);
        return path;
    }

    /// <summary>Starts <c>actortuner submit STUDY.conf --cluster COORDINATORS --wait</c>; its output goes to submit.log.</summary>
    public CliProcess Submit() => Client("submit.log", "submit", StudyFile, "--cluster", Contacts, "--wait");

    /// <summary><c>actortuner export STUDY --storage postgres:... --format json</c>, parsed; fails with the output unless it exits 0.</summary>
    public async Task<ExportedStudy> ExportAsync()
    {
        using var export = Client("export.log", "export", Study, "--storage", Storage, "--format", "json");
        await export.WaitForExitAsync(TimeSpan.FromMinutes(1));
        export.ExitCode.ShouldBe(0, export.Output());
        return ExportedStudy.Parse(export.Stdout);
    }

    /// <summary>Every node's state and log tail, and every client's output, for failure messages.</summary>
    public string Diagnostics()
    {
        var text = new StringBuilder();
        foreach (var node in Nodes)
        {
            text.AppendLine($"===== {node.Name} {node.Address} ({(node.IsUp ? "up" : node.IsRunning ? "running, not up" : "not running")}, started {node.Starts} time(s)); log {node.LogFile}, last lines:");
            text.AppendLine(node.Tail(25));
        }

        foreach (var client in _clients.Where(c => !c.Stdout.TrimStart().StartsWith('{')))
        {
            text.AppendLine("===== client");
            text.AppendLine(client.Output());
        }

        return text.ToString();
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var node in Nodes)
        {
            node.Dispose();
        }
    }

    private CliProcess Client(string log, params string[] arguments)
    {
        var client = CliProcess.StartLogged(Folder, Path.Combine(Folder, log), arguments);
        _clients.Add(client);
        return client;
    }
}
