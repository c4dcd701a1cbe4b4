using System.Collections.Immutable;

namespace ActorTuner.Core.Objectives;

/// <summary>
/// What a cluster worker runs for a study's trials, journalled with the study so that a worker joining later,
/// or a study re-hosted after a full restart, knows it without the client that submitted it: an external
/// <see cref="Command"/>, or the name of an in-process objective <see cref="Registered"/> on worker nodes that
/// embed ActorTuner. A trial runs only on a worker whose tags include every one of <see cref="Requires"/>.
/// </summary>
/// <param name="Command">The external command, or null for a registered objective.</param>
/// <param name="Registered">The name of an in-process objective, or null for a command.</param>
/// <param name="Requires">Tags a worker must have (e.g. <c>gpu</c>), sorted and distinct.</param>
public sealed record StudyObjective(CommandObjectiveSpec? Command, string? Registered, ImmutableArray<string> Requires)
{
    /// <summary>An external command that any worker with <paramref name="requires"/> may run.</summary>
    public static StudyObjective Of(CommandObjectiveSpec command, IEnumerable<string>? requires = null) =>
        new(command ?? throw new ArgumentNullException(nameof(command)), null, Normalize(requires));

    /// <summary>The in-process objective registered as <paramref name="name"/> on worker nodes with <paramref name="requires"/>.</summary>
    public static StudyObjective OfRegistered(string name, IEnumerable<string>? requires = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new(null, name, Normalize(requires));
    }

    /// <summary>True when a worker with <paramref name="tags"/> may run this objective's trials.</summary>
    public bool RunsOn(IReadOnlyCollection<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return Requires.All(tags.Contains);
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when the objective is unusable.</summary>
    public void Validate()
    {
        if ((Command is null) == (Registered is null))
        {
            throw new ArgumentException("objective: give either a command or the name of a registered in-process objective, not both or neither");
        }

        if (Registered is not null && string.IsNullOrWhiteSpace(Registered))
        {
            throw new ArgumentException("objective: the registered objective's name is empty");
        }

        foreach (var tag in Requires.IsDefault ? [] : Requires)
        {
            if (!IsTag(tag))
            {
                throw new ArgumentException($"objective.requires: '{tag}' is not a tag; use letters, digits, '-', '_' or '.'");
            }
        }
    }

    /// <summary>Value equality over the command's arguments, environment and the tags (records compare arrays by reference).</summary>
    public bool SameAs(StudyObjective? other) =>
        other is not null
        && Registered == other.Registered
        && Requires.SequenceEqual(other.Requires)
        && SameCommand(Command, other.Command);

    /// <summary>True for a usable tag name: 1 to 64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsTag(string? tag) =>
        !string.IsNullOrEmpty(tag) && tag.Length <= 64 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static ImmutableArray<string> Normalize(IEnumerable<string>? tags) =>
        [.. (tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static bool SameCommand(CommandObjectiveSpec? a, CommandObjectiveSpec? b) =>
        (a, b) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            _ => a.Command.SequenceEqual(b.Command)
                && a.Mode == b.Mode
                && a.Timeout == b.Timeout
                && a.WorkingDirectory == b.WorkingDirectory
                && a.Environment.Count == b.Environment.Count
                && a.Environment.All(kv => b.Environment.TryGetValue(kv.Key, out var v) && v == kv.Value),
        };
}
