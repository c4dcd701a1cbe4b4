using System.Collections.Immutable;
using System.Globalization;

namespace ActorTuner.Benchmarks.Cli;

/// <summary>Parses comma lists given to options such as <c>--samplers gp,random</c> and <c>--dims 2,10,20</c>.</summary>
public static class CommaList
{
    /// <summary>The non-empty, trimmed, distinct items of <paramref name="text"/> in the order written.</summary>
    /// <exception cref="FormatException">Names the option, and says what is wrong.</exception>
    public static ImmutableArray<string> Names(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Checked(text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), option);
    }

    /// <summary>
    /// The sampler specs of <c>--samplers</c>. A sampler may carry options after a colon, themselves
    /// comma-separated (<c>gp:pending=kb,acq=ucb</c>), so an item with '=' but no ':' continues the previous
    /// spec: <c>gp:pending=kb,acq=ucb,random</c> is <c>gp:pending=kb,acq=ucb</c> and <c>random</c>.
    /// </summary>
    /// <exception cref="FormatException">The list is empty, starts with an option, or names a sampler twice.</exception>
    public static ImmutableArray<string> Samplers(string text, string option = "--samplers")
    {
        ArgumentNullException.ThrowIfNull(text);
        var specs = new List<string>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (item.Contains('=', StringComparison.Ordinal) && !item.Contains(':', StringComparison.Ordinal))
            {
                if (specs.Count == 0 || !specs[^1].Contains(':', StringComparison.Ordinal))
                {
                    throw new FormatException($"{option}: the option '{item}' follows no sampler; write options as gp:key=value,key=value");
                }

                specs[^1] += "," + item;
            }
            else
            {
                specs.Add(item);
            }
        }

        return Checked(specs, option);
    }

    /// <summary>The whole numbers >= <paramref name="min"/> of <paramref name="text"/> in the order written.</summary>
    /// <exception cref="FormatException">Names the option and the item that is not such a number.</exception>
    public static ImmutableArray<int> Integers(string text, string option, int min = 0) =>
    [
        .. Names(text, option).Select(item =>
            int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v
                : throw new FormatException($"{option}: '{item}' is not a whole number >= {min}")),
    ];

    private static ImmutableArray<string> Checked(IReadOnlyList<string> items, string option)
    {
        if (items.Count == 0)
        {
            throw new FormatException($"{option} is empty; give a comma-separated list");
        }

        var twice = items.GroupBy(i => i, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? [.. items] : throw new FormatException($"{option}: '{twice.Key}' is listed twice");
    }
}
