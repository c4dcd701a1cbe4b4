using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace ActorTuner.Benchmarks.Report;

/// <summary>
/// The best-so-far curves of one setting: per sampler the median normalised regret across seeds after each
/// trial, with the interquartile range as a band. The y-axis is logarithmic when the curves span more than a
/// decade; zero regret (the optimum found) is then drawn at a floor one decade below the smallest positive value.
/// </summary>
internal static class RegretPlot
{
    /// <summary>Pixel size of every plot.</summary>
    public const int Width = 900;

    /// <summary>Pixel size of every plot.</summary>
    public const int Height = 540;

    /// <summary>Draws <paramref name="analysis"/> to a PNG at <paramref name="path"/>; returns the caption describing the y-axis.</summary>
    public static string Save(SettingAnalysis analysis, string path)
    {
        var curves = analysis.Samplers.Select(Curve).ToList();
        var values = curves.SelectMany(c => c.Median.Concat(c.Lower).Concat(c.Upper)).Where(v => !double.IsNaN(v)).ToList();
        var positive = values.Where(v => v > 0).ToList();
        var log = positive.Count > 0 && positive.Max() / positive.Min() > 10;
        var floor = log ? Math.Pow(10, Math.Floor(Math.Log10(positive.Min())) - 1) : 0;

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < curves.Count; i++)
        {
            var (sampler, xs, median, lower, upper) = curves[i];
            if (xs.Length == 0)
            {
                continue;
            }

            var color = palette.GetColor(i);
            var band = plot.Add.FillY(xs, Transform(lower, log, floor), Transform(upper, log, floor));
            band.FillStyle.Color = color.WithAlpha(0.2);
            band.LineStyle.Width = 0;
            var line = plot.Add.Scatter(xs, Transform(median, log, floor));
            line.Color = color;
            line.MarkerSize = 0;
            line.LineWidth = 2;
            line.LegendText = sampler;
        }

        plot.Title(analysis.Setting.Title);
        plot.XLabel("trials");
        plot.YLabel(log ? "normalised regret (log scale)" : "normalised regret");
        if (log)
        {
            plot.Axes.Left.TickGenerator = new NumericAutomatic
            {
                MinorTickGenerator = new LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = TickLabel,
            };
        }

        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
        return log
            ? $"median and interquartile range across seeds; logarithmic y-axis, zero regret drawn at {ReportFormat.Number(floor)}"
            : "median and interquartile range across seeds";
    }

    /// <summary>A log-axis tick 10^y as a plain number where that reads easily (0.001 .. 1000), else as 1E-5.</summary>
    private static string TickLabel(double y)
    {
        var v = Math.Pow(10, y);
        return v is >= 1e-3 and < 1e4
            ? v.ToString("0.###", CultureInfo.InvariantCulture)
            : v.ToString("0E+0", CultureInfo.InvariantCulture);
    }

    private static (string Sampler, double[] Xs, double[] Median, double[] Lower, double[] Upper) Curve(SamplerResult s)
    {
        // Every point of a curve averages the same runs: it stops where the shortest run stops.
        var length = s.Regret.Min(r => r.Length);
        var xs = new double[length];
        var median = new double[length];
        var lower = new double[length];
        var upper = new double[length];
        for (var i = 0; i < length; i++)
        {
            var at = s.Regret.Select(r => r[i]).ToList();
            xs[i] = i + 1;
            median[i] = SeedStatistics.Quantile(at, 0.5);
            lower[i] = SeedStatistics.Quantile(at, 0.25);
            upper[i] = SeedStatistics.Quantile(at, 0.75);
        }

        return (s.Sampler, xs, median, lower, upper);
    }

    private static double[] Transform(double[] values, bool log, double floor) =>
        log ? [.. values.Select(v => Math.Log10(Math.Max(v, floor)))] : values;
}
