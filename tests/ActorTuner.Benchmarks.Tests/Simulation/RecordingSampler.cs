using System.Collections.Immutable;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Benchmarks.Tests.Simulation;

/// <summary>A random sampler that remembers every context it was shown and what it answered.</summary>
public sealed class RecordingSampler(long seed) : ISampler
{
    private readonly RandomSampler _inner = new(seed);

    public List<(SuggestionContext Context, Configuration Answer)> Calls { get; } = [];

    public string Name => "recording";

    public ImmutableArray<Configuration> Suggest(SuggestionContext context, int count)
    {
        var answer = _inner.Suggest(context, count);
        Calls.Add((context, answer[0]));
        return answer;
    }
}
