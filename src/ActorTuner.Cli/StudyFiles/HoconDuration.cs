using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// Durations as HOCON writes them: a number and a unit (<c>500ms</c>, <c>30s</c>, <c>10m</c>, <c>2h</c>,
/// <c>1d</c>, or the long forms <c>seconds</c>, <c>minutes</c>, ...). A plain number is seconds here, not
/// HOCON's milliseconds: study files give trial timeouts and leases, where milliseconds would be a trap.
/// </summary>
internal static partial class HoconDuration
{
    /// <summary>What a duration looks like, for messages.</summary>
    public const string Expected = "a duration like 30s, 10m, 2h, 500ms or 1d (a plain number is seconds)";

    private static readonly Dictionary<string, double> TicksPerUnit = new(StringComparer.Ordinal)
    {
        [string.Empty] = TimeSpan.TicksPerSecond,
        ["ns"] = 0.01, ["nano"] = 0.01, ["nanos"] = 0.01, ["nanosecond"] = 0.01, ["nanoseconds"] = 0.01,
        ["us"] = 10, ["micro"] = 10, ["micros"] = 10, ["microsecond"] = 10, ["microseconds"] = 10,
        ["ms"] = TimeSpan.TicksPerMillisecond, ["milli"] = TimeSpan.TicksPerMillisecond, ["millis"] = TimeSpan.TicksPerMillisecond,
        ["millisecond"] = TimeSpan.TicksPerMillisecond, ["milliseconds"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond, ["second"] = TimeSpan.TicksPerSecond, ["seconds"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute, ["minute"] = TimeSpan.TicksPerMinute, ["minutes"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour, ["hour"] = TimeSpan.TicksPerHour, ["hours"] = TimeSpan.TicksPerHour,
        ["d"] = TimeSpan.TicksPerDay, ["day"] = TimeSpan.TicksPerDay, ["days"] = TimeSpan.TicksPerDay,
    };

    /// <summary>Parses <paramref name="text"/>; false when it is not a duration or does not fit a <see cref="TimeSpan"/>.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success
            || !TicksPerUnit.TryGetValue(match.Groups[2].Value, out var ticksPerUnit)
            || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        var ticks = Math.Round(amount * ticksPerUnit);
        if (!double.IsFinite(ticks) || ticks >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?)\s*([a-z]*)\s*$")]
    private static partial Regex Pattern();
}
