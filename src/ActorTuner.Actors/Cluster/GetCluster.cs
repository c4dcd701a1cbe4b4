using System.Collections.Immutable;

namespace ActorTuner.Actors.Cluster;

/// <summary>Asks a node's gateway what the cluster holds; the reply is <see cref="GetClusterResult"/>.</summary>
public sealed record GetCluster
{
    private GetCluster()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetCluster Instance { get; } = new();
}

/// <summary>The cluster as the asked node sees it: members, worker nodes' slots, and the studies hosted.</summary>
public sealed record GetClusterResult(ImmutableArray<ClusterMemberInfo> Members, ImmutableArray<WorkerNodeStatus> Workers, ImmutableArray<StudyAnnouncement> Studies);

/// <summary>A cluster member: its address, roles and status (Up, Leaving, Exiting, Down...) and whether it is reachable.</summary>
public sealed record ClusterMemberInfo(string Address, ImmutableArray<string> Roles, string Status, bool Reachable);
