using ActorTuner.Core.Spaces;

namespace ActorTuner.Surrogates.Tests.Sampling;

/// <summary>Test objectives with known optima.</summary>
internal static class TestFunctions
{
    public const double BraninOptimum = 0.397887;

    public static SearchSpace BraninSpace { get; } = SearchSpace.Create(
        new FloatParameter("x1", -5, 10),
        new FloatParameter("x2", 0, 15));

    public static double Branin(Configuration c)
    {
        var x1 = c["x1"].AsDouble();
        var x2 = c["x2"].AsDouble();
        const double A = 1, B = 5.1 / (4 * Math.PI * Math.PI), C = 5 / Math.PI, R = 6, S = 10, T = 1 / (8 * Math.PI);
        var a = x2 - (B * x1 * x1) + (C * x1) - R;
        return (A * a * a) + (S * (1 - T) * Math.Cos(x1)) + S;
    }
}
