namespace ActorTuner.Actors.Tests.Studies;

/// <summary>The study contract on Akka's in-memory journal.</summary>
public sealed class InMemoryStudyActorTests : StudyActorContract
{
    public InMemoryStudyActorTests()
        : base(ActorTunerConfig.Serialization.WithFallback(Storage.StorageLocation.Parse("memory").ToConfig()))
    {
    }
}
