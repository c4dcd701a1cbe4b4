using System.Collections.Immutable;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Sampling;

/// <summary>
/// What a sampler is shown: the space, the direction, the finished trials in the order they finished and
/// the configurations still running (pending).
/// </summary>
public sealed record SuggestionContext(
    SearchSpace Space,
    Direction Direction,
    ImmutableArray<Observation> Observations,
    ImmutableArray<Configuration> Pending)
{
    /// <summary>A context with no observations and nothing pending.</summary>
    public static SuggestionContext Empty(SearchSpace space, Direction direction = Direction.Minimize) =>
        new(space, direction, [], []);

    /// <summary>The number of finished plus pending trials: the index of the next trial.</summary>
    public int TrialCount => Observations.Length + Pending.Length;

    /// <summary>A value turned into a loss to minimise (negated when maximising).</summary>
    public double ToLoss(double value) => Direction == Direction.Minimize ? value : -value;

    /// <summary>Every configuration already observed (completed or failed) or pending.</summary>
    public HashSet<Configuration> Seen()
    {
        var seen = new HashSet<Configuration>(Observations.Length + Pending.Length);
        foreach (var o in Observations)
        {
            seen.Add(o.Configuration);
        }

        foreach (var p in Pending)
        {
            seen.Add(p);
        }

        return seen;
    }

    /// <summary>The context with <paramref name="configuration"/> appended to the pending list.</summary>
    public SuggestionContext WithPending(Configuration configuration) => this with { Pending = Pending.Add(configuration) };

    /// <summary>The context with <paramref name="observation"/> appended to the observations.</summary>
    public SuggestionContext WithObservation(Observation observation) => this with { Observations = Observations.Add(observation) };
}
