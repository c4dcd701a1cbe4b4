using Akka.Configuration;

namespace ActorTuner.Actors;

/// <summary>Akka configuration ActorTuner needs in every ActorSystem that hosts or talks to studies.</summary>
public static class ActorTunerConfig
{
    /// <summary>Binds every study event to <see cref="Serialization.ActorTunerSerializer"/>.</summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString("""
        akka.actor {
          serializers.actortuner = "ActorTuner.Actors.Serialization.ActorTunerSerializer, ActorTuner.Actors"
          serialization-bindings {
            "ActorTuner.Core.Studies.StudyEvent, ActorTuner.Core" = actortuner
          }
          serialization-identifiers {
            "ActorTuner.Actors.Serialization.ActorTunerSerializer, ActorTuner.Actors" = 4811
          }
        }
        """);
}
