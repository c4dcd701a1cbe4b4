using ActorTuner.Benchmarks.Tasks.Tabular;

namespace ActorTuner.Benchmarks.Tests.Tasks.Tabular;

public class CsvLineTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c", new[] { "a", "", "c" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("\"say \"\"hi\"\"\",2", new[] { "say \"hi\"", "2" })]
    [InlineData("x,", new[] { "x", "" })]
    public void Splits_fields(string line, string[] expected)
    {
        var fields = new List<string>();

        CsvLine.Split(line, fields).ShouldBe(expected.Length);
        fields.ShouldBe(expected);
    }

    [Fact]
    public void An_unclosed_quote_is_reported()
    {
        CsvLine.Split("\"abc,d", []).ShouldBe(-1);
    }
}
