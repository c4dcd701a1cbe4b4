using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Objectives;

/// <summary>Checks a <see cref="CommandObjectiveSpec"/> and creates the runner for its mode.</summary>
public static class CommandObjective
{
    // The longest timeout a CancellationTokenSource takes.
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>
    /// The runner for <paramref name="spec"/>: a <see cref="OneShotCommandRunner"/> or a
    /// <see cref="PersistentCommandRunner"/>. <paramref name="slot"/> is the worker slot the runner serves; a
    /// persistent process sees it as <c>ACTORTUNER_SLOT</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is not valid (see <see cref="Validate"/>).</exception>
    public static IObjectiveRunner CreateRunner(CommandObjectiveSpec spec, int? slot = null)
    {
        Validate(spec);
        return spec.Mode == CommandMode.OneShot ? new OneShotCommandRunner(spec) : new PersistentCommandRunner(spec, slot);
    }

    /// <summary>
    /// Checks <paramref name="spec"/>: a command with a non-empty program and no null argument, a known mode,
    /// a positive timeout (or <see cref="Timeout.InfiniteTimeSpan"/>), environment variable names that are not
    /// empty and hold no <c>=</c>. An empty working directory means the current directory.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is not valid; the message says what to change.</exception>
    public static void Validate(CommandObjectiveSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Command.IsDefaultOrEmpty)
        {
            throw new ArgumentException(
                "the objective command is empty: give the program and then its arguments, e.g. [\"python3\", \"train.py\", \"--lr=${lr}\"]",
                nameof(spec));
        }

        if (string.IsNullOrWhiteSpace(spec.Command[0]))
        {
            throw new ArgumentException(
                "the objective command's program (its first element) is empty: name a program on PATH or a path to one",
                nameof(spec));
        }

        var nullAt = spec.Command.IndexOf(null!);
        if (nullAt >= 0)
        {
            throw new ArgumentException($"argument {nullAt} of the objective command is null", nameof(spec));
        }

        if (!Enum.IsDefined(spec.Mode))
        {
            throw new ArgumentException($"unknown command mode {spec.Mode}: use {CommandMode.OneShot} or {CommandMode.Persistent}", nameof(spec));
        }

        if (spec.Timeout != Timeout.InfiniteTimeSpan && (spec.Timeout <= TimeSpan.Zero || spec.Timeout > LongestTimeout))
        {
            throw new ArgumentException(
                $"the objective timeout must be positive and at most {LongestTimeout.TotalDays:0} days (or infinite), not {spec.Timeout}",
                nameof(spec));
        }

        foreach (var key in (spec.Environment ?? []).Keys)
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"the environment variable name '{key}' is empty or holds '='", nameof(spec));
            }
        }
    }

    /// <summary>Checks <paramref name="spec"/> for a runner of <paramref name="mode"/>.</summary>
    internal static void ValidateFor(CommandObjectiveSpec spec, CommandMode mode)
    {
        Validate(spec);
        if (spec.Mode != mode)
        {
            throw new ArgumentException(
                $"a {mode} runner needs a spec in mode {mode}, not {spec.Mode}; CommandObjective.CreateRunner picks the runner for the mode",
                nameof(spec));
        }
    }
}
