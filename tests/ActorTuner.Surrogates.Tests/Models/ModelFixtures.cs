using System.Collections.Immutable;
using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Surrogates.Tests.Models;

/// <summary>Random data sets for the numerics tests: mixed continuous, ordered and categorical dimensions.</summary>
internal static class ModelFixtures
{
    public static ImmutableArray<DimensionKind> MixedKinds { get; } =
        [DimensionKind.Continuous, DimensionKind.Ordered, DimensionKind.Categorical, DimensionKind.Continuous];

    public static List<double[]> Points(ImmutableArray<DimensionKind> kinds, int n, long seed)
    {
        var rng = new Rng(seed);
        var points = new List<double[]>(n);
        for (var i = 0; i < n; i++)
        {
            var p = new double[kinds.Length];
            for (var j = 0; j < p.Length; j++)
            {
                p[j] = kinds[j] switch
                {
                    DimensionKind.Categorical => (rng.NextInt(3) + 0.5) / 3,
                    DimensionKind.Ordered => (rng.NextInt(5) + 0.5) / 5,
                    _ => rng.NextDouble(),
                };
            }

            points.Add(p);
        }

        return points;
    }

    public static List<double> Targets(IReadOnlyList<double[]> points) =>
        [.. points.Select(p => Math.Sin(6 * p[0]) + (p.Length > 1 ? p[1] * p[1] : 0) + (p.Length > 2 ? (p[2] > 0.5 ? 0.7 : -0.2) : 0))];
}
