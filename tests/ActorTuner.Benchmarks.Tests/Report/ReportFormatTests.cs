using ActorTuner.Benchmarks.Report;

namespace ActorTuner.Benchmarks.Tests.Report;

public sealed class ReportFormatTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.25, "0.2500")]
    [InlineData(-3.32237, "-3.3224")]
    [InlineData(0.001, "0.0010")]
    [InlineData(0.000612, "6.12e-4")]
    [InlineData(1.5e-9, "1.50e-9")]
    [InlineData(123456.0, "1.23e+5")]
    [InlineData(double.NaN, "–")]
    public void Number_uses_four_decimals_or_three_significant_digits(double x, string expected) =>
        ReportFormat.Number(x).ShouldBe(expected);

    [Fact]
    public void MeanStd_drops_an_undefined_deviation() =>
        ReportFormat.MeanStd(0.5, double.NaN).ShouldBe("0.5000");

    [Fact]
    public void Cell_escapes_pipes() => ReportFormat.Cell("a|b").ShouldBe("a\\|b");
}
