using System.Collections.Immutable;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>A list <c>[a, b]</c>, its items in order.</summary>
internal sealed class HoconArray(ImmutableArray<HoconValue> items, int line, int column) : HoconValue(line, column)
{
    public ImmutableArray<HoconValue> Items { get; } = items;

    public override string Describe() => "a list";
}
