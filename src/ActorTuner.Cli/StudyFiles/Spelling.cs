namespace ActorTuner.Cli.StudyFiles;

/// <summary>"Did you mean" suggestions by edit distance (optimal string alignment: a swap of two letters counts once).</summary>
internal static class Spelling
{
    /// <summary>The candidate closest to <paramref name="word"/>, when it is close enough to be a typo.</summary>
    public static string? Suggest(string word, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(word.ToUpperInvariant(), candidate.ToUpperInvariant());

            // About a third of the letters may differ, but not all of them: a one-letter word is one edit
            // from every one-letter name, and "y" is no typo of "x".
            if (distance < bestDistance && distance <= Math.Max(1, candidate.Length / 3) && distance < Math.Max(word.Length, candidate.Length))
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary><c>did you mean 'x'?</c>, or <c>expected one of a, b, c</c> when nothing is close.</summary>
    public static string Hint(string word, IReadOnlyCollection<string> candidates) =>
        Suggest(word, candidates) is { } close ? $"did you mean '{close}'?" : $"expected one of {List(candidates)}";

    /// <summary><c>a, b or c</c>.</summary>
    public static string List(IReadOnlyCollection<string> items) => items.Count <= 1
        ? string.Join(string.Empty, items)
        : $"{string.Join(", ", items.Take(items.Count - 1))} or {items.Last()}";

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
