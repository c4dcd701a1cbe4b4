using System.Collections.Immutable;

namespace ActorTuner.Core.Objectives;

/// <summary>How an external command is run as an objective.</summary>
public enum CommandMode
{
    /// <summary>One process per trial; the result is the last non-empty stdout line.</summary>
    OneShot,

    /// <summary>One long-lived process per worker slot speaking JSON lines over stdin/stdout.</summary>
    Persistent,
}

/// <summary>
/// An external command as an objective: <see cref="Command"/> is the program and its arguments, never run
/// through a shell; <c>${name}</c> in an argument is replaced by the parameter's value (one-shot mode).
/// </summary>
/// <param name="Command">The program (first) and its arguments.</param>
/// <param name="Mode">One-shot or persistent.</param>
/// <param name="Timeout">The longest one trial may take; then it is killed and failed.</param>
/// <param name="WorkingDirectory">Where the command runs (the study file's folder for <c>actortuner run</c>).</param>
/// <param name="Environment">Extra environment variables.</param>
public sealed record CommandObjectiveSpec(
    ImmutableArray<string> Command,
    CommandMode Mode,
    TimeSpan Timeout,
    string WorkingDirectory,
    ImmutableDictionary<string, string> Environment);
