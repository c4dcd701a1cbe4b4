using System.Runtime.Serialization;
using ActorTuner.Actors.Serialization;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using Akka.TestKit.Xunit2;

namespace ActorTuner.Actors.Tests.Serialization;

public sealed class ActorTunerSerializerTests : TestKit
{
    public ActorTunerSerializerTests()
        : base(ActorTunerConfig.Serialization.ToString())
    {
    }

    [Fact]
    public void Study_events_are_bound_to_the_explicit_serializer_and_round_trip()
    {
        StudyEvent e = new TrialSuggested(4, new Configuration([new("x", 1.5), new("kind", "a")]));
        var serializer = Sys.Serialization.FindSerializerFor(e);
        serializer.ShouldBeOfType<ActorTunerSerializer>();
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, e);
        manifest.ShouldBe("trial-suggested.v1");
        Sys.Serialization.Deserialize(serializer.ToBinary(e), serializer.Identifier, manifest).ShouldBe(e);
    }

    [Fact]
    public void A_manifest_that_names_a_dotnet_type_is_refused()
    {
        var serializer = (ActorTunerSerializer)Sys.Serialization.FindSerializerForType(typeof(StudyEvent));
        Should.Throw<SerializationException>(() => serializer.FromBinary("{}"u8.ToArray(), "System.IO.FileInfo, System.IO"))
            .Message.ShouldContain("unknown study event manifest");
    }
}
