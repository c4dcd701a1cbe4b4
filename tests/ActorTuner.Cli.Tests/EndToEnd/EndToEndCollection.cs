namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// The end-to-end tests run one after another: each starts several dotnet and Python processes, and on a
/// small machine running them at once makes every one slower than running them in turn.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection
{
    public const string Name = "end-to-end";
}
