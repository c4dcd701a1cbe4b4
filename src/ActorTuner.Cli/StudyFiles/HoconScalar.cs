namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// A string, number or boolean as written; it is typed only when read, as HOCON does, so <c>64</c> can be
/// a number or the text "64" depending on the key. <see cref="Quoted"/> values are always text.
/// </summary>
internal sealed class HoconScalar(string text, bool quoted, int line, int column) : HoconValue(line, column)
{
    public string Text { get; } = text;

    public bool Quoted { get; } = quoted;

    public override string Describe() => $"\"{Text}\"";
}
