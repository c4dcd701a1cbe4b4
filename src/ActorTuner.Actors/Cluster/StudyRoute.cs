using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// Stands for one sharded study: whatever it is sent goes to the study's entity through the shard region, in a
/// <see cref="ShardingEnvelope"/>, with the sender kept, so a <see cref="Workers.WorkerActor"/> talks to a study
/// on another node as it would to a local one.
/// </summary>
public sealed class StudyRoute : ReceiveActor
{
    /// <summary>Forwards everything to <paramref name="study"/> through <paramref name="region"/>.</summary>
    public StudyRoute(string study, IActorRef region) =>
        ReceiveAny(message => region.Forward(new ShardingEnvelope(study, message)));

    /// <summary>Props for the route to <paramref name="study"/>.</summary>
    public static Props Props(string study, IActorRef region) => Akka.Actor.Props.Create(() => new StudyRoute(study, region));
}
