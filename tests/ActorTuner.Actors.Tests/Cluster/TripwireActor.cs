using Akka.Actor;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>An actor whose creation trips <see cref="Tripwire"/>: the target of a remote deployment.</summary>
public sealed class TripwireActor : ReceiveActor
{
    /// <summary>Counts its own creation.</summary>
    public TripwireActor()
    {
        _ = new Tripwire();
        ReceiveAny(_ => { });
    }
}
