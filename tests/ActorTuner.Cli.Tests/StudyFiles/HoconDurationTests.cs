using ActorTuner.Cli.StudyFiles;

namespace ActorTuner.Cli.Tests.StudyFiles;

public sealed class HoconDurationTests
{
    [Theory]
    [InlineData("10m", 600_000)]
    [InlineData("30s", 30_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("500ms", 500)]
    [InlineData("1d", 86_400_000)]
    [InlineData("45", 45_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1 second", 1_000)]
    [InlineData("250 millis", 250)]
    [InlineData("3 days", 259_200_000)]
    [InlineData("1e3ms", 1_000)]
    [InlineData(" 7s ", 7_000)]
    public void Parses_hocon_durations(string text, long milliseconds)
    {
        HoconDuration.TryParse(text, out var value).ShouldBeTrue();
        value.ShouldBe(TimeSpan.FromMilliseconds(milliseconds));
    }

    [Fact]
    public void Parses_sub_millisecond_units()
    {
        HoconDuration.TryParse("1500us", out var micro).ShouldBeTrue();
        micro.ShouldBe(TimeSpan.FromTicks(15_000));
        HoconDuration.TryParse("100ns", out var nano).ShouldBeTrue();
        nano.ShouldBe(TimeSpan.FromTicks(1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten minutes")]
    [InlineData("10 fortnights")]
    [InlineData("-5s")]
    [InlineData("10M")]
    [InlineData("1e300d")]
    [InlineData("m")]
    public void Rejects_what_is_not_a_duration(string text)
    {
        HoconDuration.TryParse(text, out _).ShouldBeFalse();
    }

    [Fact]
    public void Objective_timeout_defaults_to_an_hour()
    {
        var study = StudyFile.Parse(StudyFileTests.Minimal("objective { command = [run] }"), "s.conf");

        study.Objective.ShouldNotBeNull().Timeout.ShouldBe(TimeSpan.FromHours(1));
        StudyFile.DefaultTimeout.ShouldBe(TimeSpan.FromHours(1));
    }
}
