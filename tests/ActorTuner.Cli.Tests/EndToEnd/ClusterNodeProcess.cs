namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// One <c>actortuner node</c> of a <see cref="ProcessCluster"/>: a real process on its own loopback port, its
/// output appended to a log file across restarts (same port, a new incarnation each time).
/// </summary>
public sealed class ClusterNodeProcess : IDisposable
{
    private readonly string _workingDirectory;
    private readonly string[] _arguments;
    private CliProcess? _process;

    public ClusterNodeProcess(string name, string roles, int port, string workingDirectory, string logFile, IEnumerable<string> arguments)
    {
        Name = name;
        Roles = roles;
        Port = port;
        LogFile = logFile;
        _workingDirectory = workingDirectory;
        _arguments = [.. arguments];
    }

    /// <summary>coordinator-1, worker-2...</summary>
    public string Name { get; }

    /// <summary>The value of <c>--roles</c>.</summary>
    public string Roles { get; }

    public int Port { get; }

    /// <summary>host:port, as <c>--seed-nodes</c> and <c>--cluster</c> take it.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>The node's Akka address, as the cluster, announcements and worker ids name it.</summary>
    public string Address => $"akka.tcp://actortuner@127.0.0.1:{Port}";

    public string LogFile { get; }

    /// <summary>How many times the node was started.</summary>
    public int Starts { get; private set; }

    /// <summary>True while the current incarnation runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>True once the current incarnation printed <c>node ADDRESS is up</c> and still runs.</summary>
    public bool IsUp => IsRunning && _process!.Stdout.Contains($"node {Address} is up", StringComparison.Ordinal);

    /// <summary>The current incarnation's output (empty before the first start).</summary>
    public string Output => _process?.Output() ?? string.Empty;

    /// <summary>Starts the node (again, after a kill: same port, same arguments).</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        _process?.Dispose();
        _process = CliProcess.StartLogged(_workingDirectory, LogFile, _arguments);
        Starts++;
    }

    /// <summary>SIGKILL to the node and its objective processes, as a crash would; returns once it is gone.</summary>
    public void Kill() => _process?.KillTree();

    /// <summary>The last <paramref name="lines"/> lines of the node's log (every incarnation), for failure messages.</summary>
    public string Tail(int lines = 40)
    {
        if (!File.Exists(LogFile))
        {
            return $"({LogFile} does not exist)";
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    public void Dispose() => _process?.Dispose();
}
