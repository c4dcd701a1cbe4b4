using Akka.Actor;

namespace ActorTuner.Actors.Studies;

/// <summary>
/// How a study hosted in a cluster makes itself known: every <paramref name="AnnounceEvery"/> it tells
/// <paramref name="Announcements"/> (the node's announcer, which publishes on the studies topic) its
/// <see cref="Cluster.StudyAnnouncement"/>.
/// </summary>
public sealed record StudyInCluster(IActorRef Announcements, TimeSpan AnnounceEvery);
