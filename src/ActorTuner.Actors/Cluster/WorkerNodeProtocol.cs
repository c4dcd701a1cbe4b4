namespace ActorTuner.Actors.Cluster;

/// <summary>Asks a worker node for its <see cref="WorkerNodeStatus"/> (local; trials are not filled in).</summary>
public sealed record GetWorkerNode
{
    private GetWorkerNode()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetWorkerNode Instance { get; } = new();
}

/// <summary>
/// Stops every slot of a worker node (running trials are cancelled and handed back to their studies) and
/// takes no more; answered with <see cref="Akka.Done"/> once every study acknowledged.
/// </summary>
public sealed record StopWorkers
{
    private StopWorkers()
    {
    }

    /// <summary>The single instance.</summary>
    public static StopWorkers Instance { get; } = new();
}

/// <summary>Timer tick: publish the node's status.</summary>
internal sealed record StatusTick : Akka.Actor.INoSerializationVerificationNeeded
{
    private StatusTick()
    {
    }

    public static StatusTick Instance { get; } = new();
}

/// <summary>Timer tick: give free slots to studies.</summary>
internal sealed record AssignTick : Akka.Actor.INoSerializationVerificationNeeded
{
    private AssignTick()
    {
    }

    public static AssignTick Instance { get; } = new();
}
