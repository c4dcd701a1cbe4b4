using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Sampling;

/// <summary>Enumerates every configuration of a finite space exactly once (conditional parameters included).</summary>
public static class SpaceEnumerator
{
    /// <summary>
    /// The configurations of <paramref name="space"/> in mixed-radix order of the parameters' value
    /// indices; a digit of an inactive parameter is held at 0, so each configuration appears once.
    /// </summary>
    public static IEnumerable<Configuration> Enumerate(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!space.IsFinite)
        {
            throw new InvalidOperationException("the space has a continuous parameter and cannot be enumerated");
        }

        return EnumerateCore(space);
    }

    private static IEnumerable<Configuration> EnumerateCore(SearchSpace space)
    {
        var ps = space.Parameters;
        var digits = new long[ps.Length];
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        while (true)
        {
            values.Clear();
            var valid = true;
            foreach (var i in space.DecodeOrder)
            {
                if (SearchSpace.IsActive(ps[i], values))
                {
                    values[ps[i].Name] = ps[i].ValueAt(digits[i]);
                }
                else if (digits[i] != 0)
                {
                    valid = false;
                    break;
                }
            }

            if (valid)
            {
                yield return new Configuration(values);
            }

            var d = ps.Length - 1;
            while (d >= 0 && ++digits[d] == ps[d].Count!.Value)
            {
                digits[d] = 0;
                d--;
            }

            if (d < 0)
            {
                yield break;
            }
        }
    }
}
