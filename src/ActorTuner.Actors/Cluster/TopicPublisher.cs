using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorTuner.Actors.Cluster;

/// <summary>Publishes whatever it is sent on one distributed pub-sub topic (studies announce themselves through it).</summary>
public sealed class TopicPublisher : ReceiveActor
{
    /// <summary>Publishes to <paramref name="topic"/>.</summary>
    public TopicPublisher(string topic)
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        ReceiveAny(message => mediator.Tell(new Publish(topic, message)));
    }

    /// <summary>Props for a publisher on <paramref name="topic"/>.</summary>
    public static Props Props(string topic) => Akka.Actor.Props.Create(() => new TopicPublisher(topic));
}
