using System.CommandLine;
using ActorTuner.Actors.Storage;

namespace ActorTuner.Cli.Commands;

/// <summary>Options and exit codes shared by the commands.</summary>
public static class CliOptions
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The study or the storage failed at run time.</summary>
    public const int Failed = 1;

    /// <summary>Bad input: a study file, an option, a storage string.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl+C (or SIGTERM) before the budget was reached; running trials were handed back.</summary>
    public const int Interrupted = 130;

    /// <summary><c>--storage sqlite:PATH|postgres:CONNECTION_STRING</c>.</summary>
    public static Option<string?> Storage() => new("--storage")
    {
        Description = $"Where studies are journalled: sqlite:PATH or postgres:CONNECTION_STRING (default: ${StorageLocation.EnvironmentVariable}, else sqlite:actortuner.db)",
    };

    /// <summary>The storage the option or the environment names.</summary>
    public static StorageLocation ResolveStorage(string? option)
    {
        try
        {
            return StorageLocation.Resolve(option);
        }
        catch (FormatException e) when (option is not null)
        {
            throw new FormatException($"--storage: {e.Message}", e);
        }
    }
}
