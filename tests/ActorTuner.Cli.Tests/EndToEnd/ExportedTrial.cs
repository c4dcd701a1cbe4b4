namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>One trial of an export.</summary>
public sealed record ExportedTrial(int Number, string State, string Params, double? Value, int Attempts, string? Error);
