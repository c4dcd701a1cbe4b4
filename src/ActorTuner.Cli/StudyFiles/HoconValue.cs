namespace ActorTuner.Cli.StudyFiles;

/// <summary>A value of a parsed HOCON document and where it starts (1-based line and column).</summary>
internal abstract class HoconValue(int line, int column)
{
    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>What the value is, for messages: "an object", "a list", or the scalar as written.</summary>
    public abstract string Describe();
}
