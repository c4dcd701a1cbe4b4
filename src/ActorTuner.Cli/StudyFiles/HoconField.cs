namespace ActorTuner.Cli.StudyFiles;

/// <summary>One key of an object, where the key is written, and its value.</summary>
internal sealed record HoconField(string Key, HoconValue Value, int Line, int Column);
