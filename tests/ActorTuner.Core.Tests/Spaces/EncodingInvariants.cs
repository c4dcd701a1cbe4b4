using ActorTuner.Core.Randomness;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Spaces;

/// <summary>The unit-cube encoding contract, checked for one parameter.</summary>
internal static class EncodingInvariants
{
    /// <summary>Points a decoder must survive: the bounds, outside them, non-finite values and near-misses.</summary>
    public static readonly double[] AwkwardPoints =
    [
        0.0, 1.0, -0.0, 0.5, -1.0, -1e-300, 2.0, 1.0 + 1e-12, 1.0 - 1e-16, 0.9999999999999999, 1e-300,
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue,
        double.Epsilon,
    ];

    /// <summary>
    /// Every decoded point is a legal value; re-encoding it gives a point in [0, 1] that decodes to the same
    /// value (exactly for discrete parameters, within 1e-12 relative for continuous ones).
    /// </summary>
    public static void CheckDecodeIsLegalAndStable(ParameterSpec p)
    {
        var rng = new Rng(11);
        var points = AwkwardPoints.Concat(Enumerable.Range(0, 2000).Select(_ => rng.NextDouble())).ToList();
        foreach (var u in points)
        {
            var v = p.Decode(u);
            p.Contains(v).ShouldBeTrue($"decode({u}) = {v} is not legal for {p}");
            var back = p.Encode(v);
            back.ShouldBeInRange(0.0, 1.0, $"encode({v})");
            var again = p.Decode(back);
            if (p.IsFinite)
            {
                again.ShouldBe(v, $"decode(encode(decode({u})))");
            }
            else
            {
                again.Kind.ShouldBe(v.Kind);
                RelativeError(again.AsDouble(), v.AsDouble()).ShouldBeLessThanOrEqualTo(1e-12, $"decode(encode({v})) = {again}");
            }
        }
    }

    /// <summary>decode(encode(v)) == v exactly for every value of a discrete parameter.</summary>
    public static void CheckEveryValueRoundTrips(ParameterSpec p)
    {
        var n = p.Count!.Value;
        var encoded = new List<double>();
        for (long i = 0; i < n; i++)
        {
            var v = p.ValueAt(i);
            p.Contains(v).ShouldBeTrue($"value {i} ({v}) is not contained");
            p.IndexOf(v).ShouldBe(i);
            var u = p.Encode(v);
            p.Decode(u).ShouldBe(v, $"value {i}");
            encoded.Add(u);
        }

        encoded.ShouldBeInOrder(SortDirection.Ascending, "encoded values must increase with the index");
        encoded.Distinct().Count().ShouldBe((int)n);
    }

    /// <summary>decode(encode(v)) equals v within 1e-12 relative for legal values of a continuous parameter.</summary>
    public static void CheckValuesRoundTrip(ParameterSpec p, IEnumerable<double> values)
    {
        foreach (var v in values)
        {
            p.Contains(v).ShouldBeTrue($"{v} should be legal");
            var back = p.Decode(p.Encode(v)).AsDouble();
            RelativeError(back, v).ShouldBeLessThanOrEqualTo(1e-12, $"decode(encode({v})) = {back}");
        }
    }

    public static double RelativeError(double actual, double expected) =>
        actual == expected ? 0 : Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), double.Epsilon);
}
