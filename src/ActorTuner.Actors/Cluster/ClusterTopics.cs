namespace ActorTuner.Actors.Cluster;

/// <summary>The distributed pub-sub topics ActorTuner's nodes talk on.</summary>
public static class ClusterTopics
{
    /// <summary>Studies announce themselves here (<see cref="StudyAnnouncement"/>).</summary>
    public const string Studies = "actortuner.studies";

    /// <summary>Worker nodes announce their slots here (<see cref="WorkerNodeStatus"/>).</summary>
    public const string Workers = "actortuner.workers";
}
