using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Studies;

/// <summary>
/// What a study is asked to do: its name, direction, budget of finished trials, how many run at once, the
/// sampler's seed, how often a trial may be attempted and how long a worker's lease on a trial lasts.
/// </summary>
public sealed record StudySettings(
    string Name,
    Direction Direction,
    int Budget,
    int Parallelism,
    long Seed,
    int MaxAttempts,
    TimeSpan Lease)
{
    /// <summary>Throws an <see cref="ArgumentException"/> naming the field when a setting is unusable.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("study name: must not be empty");
        }

        if (Name.Length > 100 || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"study name '{Name}': use at most 100 letters, digits, '-', '_' or '.' (it names the study in the journal, in actor paths and in exported files)");
        }

        if (Budget < 1)
        {
            throw new ArgumentException($"study '{Name}': trials (the budget) must be at least 1, got {Budget}");
        }

        if (Parallelism < 1)
        {
            throw new ArgumentException($"study '{Name}': parallelism must be at least 1, got {Parallelism}");
        }

        if (MaxAttempts < 1)
        {
            throw new ArgumentException($"study '{Name}': max-attempts must be at least 1, got {MaxAttempts}");
        }

        if (Lease <= TimeSpan.Zero)
        {
            throw new ArgumentException($"study '{Name}': the lease must be positive, got {Lease}");
        }
    }
}
