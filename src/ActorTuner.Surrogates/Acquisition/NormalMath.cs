// Stable log expected improvement (Ament, Daulton, Eriksson, Balandat and Bakshy 2023, "Unexpected
// Improvements to Expected Improvement for Bayesian Optimization", eq. 9):
//   h(z) = phi(z) + z Phi(z),   EI = sigma h(z),   z = (best - mean) / sigma   (minimisation)
//   log h(z) = log(phi(z) + z Phi(z))                                   z > -1
//            = -z^2/2 - c1 + log1mexp(log(erfcx(-z/sqrt2) |z|) + c2)    -1/sqrt(eps) < z <= -1
//            = -z^2/2 - c1 - 2 log|z|                                   z <= -1/sqrt(eps)
//   c1 = log(2 pi)/2, c2 = log(pi/2)/2, log1mexp(x) = log(1 - exp(x)) for x < 0.
// d log h / dz = Phi(z) / h(z), evaluated in logs: exp(log Phi(z) - log h(z)).
using MathNet.Numerics;

namespace ActorTuner.Surrogates.Acquisition;

/// <summary>Normal-distribution functions in the numerically stable forms the acquisition functions need.</summary>
public static class NormalMath
{
    private const double C1 = 0.91893853320467274178; // log(2 pi) / 2
    private const double C2 = 0.22579135264472743236; // log(pi / 2) / 2
    private const double Sqrt2 = 1.4142135623730950488;
    private static readonly double InverseSqrtEpsilon = 1 / Math.Sqrt(2.220446049250313e-16);

    /// <summary>The standard normal density phi(z).</summary>
    public static double Pdf(double z) => Math.Exp((-0.5 * z * z) - C1);

    /// <summary>The standard normal distribution function Phi(z) = erfc(-z / sqrt2) / 2.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Sqrt2);

    /// <summary>log Phi(z), accurate for very negative z (through erfcx).</summary>
    public static double LogCdf(double z)
    {
        if (z > -5)
        {
            return Math.Log(Cdf(z));
        }

        // Phi(z) = erfcx(-z/sqrt2) exp(-z^2/2) / 2
        return Math.Log(Erfcx(-z / Sqrt2)) - (0.5 * z * z) - Math.Log(2);
    }

    /// <summary>The scaled complementary error function erfcx(x) = exp(x^2) erfc(x), for x &gt;= 0 without overflow.</summary>
    public static double Erfcx(double x)
    {
        if (x < 0)
        {
            return 2 * Math.Exp(x * x) - Erfcx(-x);
        }

        if (x < 10)
        {
            return Math.Exp(x * x) * SpecialFunctions.Erfc(x);
        }

        // Asymptotic series: erfcx(x) ~ 1/(x sqrt(pi)) * sum_k (-1)^k (2k-1)!! / (2x^2)^k; 8 terms reach
        // double precision for x >= 10.
        var inverse = 1 / (2 * x * x);
        var term = 1.0;
        var sum = 1.0;
        for (var k = 1; k <= 8; k++)
        {
            term *= -(2 * k - 1) * inverse;
            sum += term;
        }

        return sum / (x * Math.Sqrt(Math.PI));
    }

    /// <summary>h(z) = phi(z) + z Phi(z), expected improvement of a standard normal over z.</summary>
    public static double H(double z) => Pdf(z) + (z * Cdf(z));

    /// <summary>log h(z) in the stable form of Ament et al. (2023).</summary>
    public static double LogH(double z)
    {
        if (z > -1)
        {
            return Math.Log(H(z));
        }

        if (z > -InverseSqrtEpsilon)
        {
            var x = Math.Log(Erfcx(-z / Sqrt2) * Math.Abs(z)) + C2;
            return (-0.5 * z * z) - C1 + Log1MExp(x);
        }

        return (-0.5 * z * z) - C1 - (2 * Math.Log(Math.Abs(z)));
    }

    /// <summary>d log h / dz = Phi(z) / h(z).</summary>
    public static double LogHDerivative(double z) => z > -1 ? Cdf(z) / H(z) : Math.Exp(LogCdf(z) - LogH(z));

    /// <summary>log(1 - exp(x)) for x &lt; 0 (Maechler 2012: expm1 near 0, log1p further out).</summary>
    public static double Log1MExp(double x) =>
        x > -0.6931471805599453 ? Math.Log(-SpecialFunctions.Expm1(x)) : SpecialFunctions.Log1p(-Math.Exp(x));
}
