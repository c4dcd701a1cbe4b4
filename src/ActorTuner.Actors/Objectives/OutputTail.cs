using System.Text;

namespace ActorTuner.Actors.Objectives;

/// <summary>
/// The last lines a process wrote to one stream, bounded by a line count and a character count, so that a
/// failure reason can quote what the objective said last without holding everything it ever said.
/// </summary>
internal sealed class OutputTail(int maxLines, int maxChars)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();
    private int _chars;

    /// <summary>Adds <paramref name="line"/>, dropping the oldest lines beyond the bounds.</summary>
    public void Add(string line)
    {
        if (line.Length > maxChars)
        {
            line = string.Concat("…", line.AsSpan(line.Length - maxChars + 1));
        }

        lock (_gate)
        {
            _lines.Enqueue(line);
            _chars += line.Length;
            while (_lines.Count > maxLines || _chars > maxChars)
            {
                _chars -= _lines.Dequeue().Length;
            }
        }
    }

    /// <summary>The kept lines, oldest first, one per line; empty when nothing was written.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                var text = new StringBuilder();
                foreach (var line in _lines)
                {
                    text.Append("\n  ").Append(line);
                }

                return text.ToString();
            }
        }
    }

    /// <summary><paramref name="reason"/> followed by the kept lines under <paramref name="label"/>, when there are any.</summary>
    public string AppendTo(string reason, string label)
    {
        var text = Text;
        return text.Length == 0 ? reason : $"{reason}\n{label} (last lines):{text}";
    }
}
