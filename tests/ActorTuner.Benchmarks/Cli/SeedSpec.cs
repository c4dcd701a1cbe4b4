using System.Collections.Immutable;
using System.Globalization;

namespace ActorTuner.Benchmarks.Cli;

/// <summary>Parses <c>--seeds</c>: a single seed (<c>3</c>), an inclusive range (<c>0-9</c>), a list (<c>0,2,5</c>), or a list of both (<c>0-3,7</c>).</summary>
public static class SeedSpec
{
    /// <summary>The seeds in the order written.</summary>
    /// <exception cref="FormatException">Says which part is wrong and what is expected.</exception>
    public static ImmutableArray<int> Parse(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (string.IsNullOrWhiteSpace(spec))
        {
            throw new FormatException("--seeds is empty; expected e.g. 0-9, 3 or 0,2,5");
        }

        var seeds = ImmutableArray.CreateBuilder<int>();
        var seen = new HashSet<int>();
        foreach (var rawPart in spec.Split(','))
        {
            var part = rawPart.Trim();
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            int first, last;
            if (dash > 0)
            {
                first = ParseSeed(part[..dash], spec);
                last = ParseSeed(part[(dash + 1)..], spec);
                if (last < first)
                {
                    throw new FormatException($"--seeds {spec}: the range '{part}' runs backwards; write it as low-high");
                }
            }
            else
            {
                first = last = ParseSeed(part, spec);
            }

            for (var s = first; s <= last; s++)
            {
                if (!seen.Add(s))
                {
                    throw new FormatException($"--seeds {spec}: seed {s} is listed twice");
                }

                seeds.Add(s);
            }
        }

        return seeds.ToImmutable();
    }

    /// <summary>The canonical comma list (<c>0,1,2</c>) of <paramref name="seeds"/>.</summary>
    public static string Format(IEnumerable<int> seeds) => string.Join(",", seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    private static int ParseSeed(string text, string spec) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new FormatException($"--seeds {spec}: '{text.Trim()}' is not a seed; expected whole numbers >= 0 as in 0-9, 3 or 0,2,5");
}
