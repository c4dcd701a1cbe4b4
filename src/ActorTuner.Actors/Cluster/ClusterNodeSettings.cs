using System.Collections.Immutable;
using System.Globalization;
using ActorTuner.Actors.Storage;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// One node of an ActorTuner cluster: its roles (<see cref="CoordinatorRole"/> hosts studies,
/// <see cref="WorkerRole"/> runs trials), where it listens, the seed nodes it joins through, the journal every
/// coordinator shares, and, for a worker, its slots.
/// </summary>
/// <param name="Roles">coordinator, worker, or both.</param>
/// <param name="Host">The address remoting binds to; loopback unless told otherwise.</param>
/// <param name="Port">The remoting port (0: any free port, for tests).</param>
/// <param name="PublicHost">The address other nodes reach this one at, when it differs from <paramref name="Host"/> (0.0.0.0 in a container).</param>
/// <param name="SeedNodes">host:port of the nodes to join through; empty: the node starts a cluster of its own.</param>
/// <param name="Storage">The journal (PostgreSQL in a cluster of several machines).</param>
/// <param name="Worker">The worker role's slots and tags.</param>
/// <param name="StableAfter">How long membership must be stable before the split-brain resolver (keep-majority) downs unreachable nodes.</param>
/// <param name="Tls">Mutual TLS with the cluster certificate (docs/cluster.md, Security), or null for plain TCP.</param>
public sealed record ClusterNodeSettings(
    ImmutableArray<string> Roles,
    string Host,
    int Port,
    string? PublicHost,
    ImmutableArray<string> SeedNodes,
    StorageLocation Storage,
    WorkerNodeSettings Worker,
    TimeSpan StableAfter,
    TlsSettings? Tls = null)
{
    /// <summary>The role of nodes that host studies.</summary>
    public const string CoordinatorRole = "coordinator";

    /// <summary>The role of nodes that run trials.</summary>
    public const string WorkerRole = "worker";

    /// <summary>The ActorSystem name every node of a cluster shares.</summary>
    public const string SystemName = "actortuner";

    /// <summary>True when the node hosts studies.</summary>
    public bool IsCoordinator => Roles.Contains(CoordinatorRole);

    /// <summary>True when the node runs trials.</summary>
    public bool IsWorker => Roles.Contains(WorkerRole);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the setting when it is unusable.</summary>
    public void Validate()
    {
        if (Roles.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"roles: give {CoordinatorRole}, {WorkerRole} or both (--roles {CoordinatorRole},{WorkerRole})");
        }

        foreach (var role in Roles)
        {
            if (role is not (CoordinatorRole or WorkerRole))
            {
                throw new ArgumentException($"roles: unknown role '{role}'; expected {CoordinatorRole} or {WorkerRole}");
            }
        }

        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("host: give the address to bind to (127.0.0.1 keeps the node on this machine)");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException($"port: expected 0 to 65535, got {Port}");
        }

        foreach (var seed in SeedNodes)
        {
            _ = ParseEndpoint(seed, "seed-nodes");
        }

        if (StableAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException($"stable-after: expected a positive duration, got {StableAfter}");
        }

        if (IsWorker)
        {
            Worker.Validate();
        }
    }

    /// <summary>
    /// Reads <c>host:port</c>; the error names <paramref name="what"/> (the option or variable it came from) and says what is expected.
    /// </summary>
    public static (string Host, int Port) ParseEndpoint(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1
            || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new ArgumentException($"{what}: '{text}' is not host:port (e.g. 127.0.0.1:4053)");
        }

        return (text[..colon], port);
    }

    /// <summary>
    /// The Akka address of the node at <paramref name="endpoint"/> (host:port): <c>akka.tcp://actortuner@host:port</c>,
    /// or <c>akka.ssl.tcp://...</c> when the cluster speaks TLS (Akka names the transport in the address).
    /// </summary>
    public static string AddressOf(string endpoint, string what, bool tls)
    {
        var (host, port) = ParseEndpoint(endpoint, what);
        return $"{(tls ? "akka.ssl.tcp" : "akka.tcp")}://{SystemName}@{host}:{port}";
    }
}
