using System.Globalization;

namespace ActorTuner.Benchmarks.Report;

/// <summary>How the report prints numbers, so tests can state the expected text.</summary>
internal static class ReportFormat
{
    /// <summary>
    /// "–" for NaN, "0" for zero, four decimals for magnitudes in [0.001, 100000), otherwise scientific with
    /// three significant digits (regrets span many decades on the synthetic functions).
    /// </summary>
    public static string Number(double x)
    {
        if (double.IsNaN(x))
        {
            return "–";
        }

        if (x == 0)
        {
            return "0";
        }

        var magnitude = Math.Abs(x);
        return magnitude is >= 1e-3 and < 1e5
            ? x.ToString("0.0000", CultureInfo.InvariantCulture)
            : x.ToString("0.00e+0", CultureInfo.InvariantCulture);
    }

    /// <summary>"mean ± std", or just the mean when the standard deviation is undefined (one seed).</summary>
    public static string MeanStd(double mean, double std) =>
        double.IsNaN(std) ? Number(mean) : $"{Number(mean)} ± {Number(std)}";

    /// <summary>One decimal, for trial counts and milliseconds.</summary>
    public static string OneDecimal(double x) =>
        double.IsNaN(x) ? "–" : x.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Two decimals, for seconds.</summary>
    public static string TwoDecimals(double x) =>
        double.IsNaN(x) ? "–" : x.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A Markdown table cell: pipes escaped so a sampler name cannot break the table.</summary>
    public static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
