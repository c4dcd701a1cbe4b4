using ActorTuner.Core.Sampling;

namespace ActorTuner.Core.Tests.Sampling;

public class RandomSamplerTests : ISamplerTests
{
    protected override string ExpectedName => "random";

    protected override ISampler Create(long seed) => new RandomSampler(seed);
}
