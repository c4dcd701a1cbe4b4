using System.Collections.Immutable;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// Proposes configurations to try. A sampler is deterministic: given its seed and the same
/// <see cref="SuggestionContext"/> (observations and pending configurations, in order), it returns the
/// same suggestions. Samplers never throw on failed or non-finite observations.
/// </summary>
public interface ISampler
{
    /// <summary>The sampler's name (<c>gp</c>, <c>random</c>, <c>sobol</c>, <c>grid</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Returns <paramref name="count"/> configurations, distinct from each other and, while a finite space
    /// still has untried configurations, from every observed or pending one.
    /// </summary>
    ImmutableArray<Configuration> Suggest(SuggestionContext context, int count);
}
