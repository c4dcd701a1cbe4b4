using System.Text;

namespace ActorTuner.Actors.Serialization;

/// <summary>Text from the wire made safe to put in an error message or a log line.</summary>
internal static class WireText
{
    private const int Limit = 200;

    /// <summary>
    /// <paramref name="text"/> with control characters escaped and cut at 200 characters: a manifest is chosen by
    /// whoever sent the bytes, and a refusal must not let it forge log lines or flood the log.
    /// </summary>
    public static string Quote(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length, Limit) + 16);
        foreach (var c in text.Length > Limit ? text[..Limit] : text)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.Length > Limit ? builder.Append($"... ({text.Length} characters)").ToString() : builder.ToString();
    }
}
