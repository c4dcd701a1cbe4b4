using Akka.Configuration;
using Npgsql;

namespace ActorTuner.Actors.Storage;

/// <summary>The kind of journal a study is kept in.</summary>
public enum StorageKind
{
    /// <summary>An embedded SQLite file: the default on one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server (Npgsql connection string): for clusters.</summary>
    Postgres,

    /// <summary>Akka's in-memory journal: nothing survives the process; for tests and experiments.</summary>
    Memory,
}

/// <summary>
/// Where studies are journalled, as users write it: <c>sqlite:PATH</c>, <c>postgres:CONNECTION_STRING</c> or
/// <c>memory</c>. The default is <c>sqlite:actortuner.db</c> in the working directory.
/// </summary>
public sealed record StorageLocation(StorageKind Kind, string Target)
{
    /// <summary>The environment variable that gives the storage when no option does.</summary>
    public const string EnvironmentVariable = "ACTORTUNER_STORAGE";

    /// <summary><c>sqlite:actortuner.db</c>.</summary>
    public static StorageLocation Default { get; } = new(StorageKind.Sqlite, "actortuner.db");

    /// <summary>Reads <c>sqlite:PATH</c>, <c>postgres:CONNECTION_STRING</c> (or <c>postgresql:</c>) or <c>memory</c>.</summary>
    /// <exception cref="FormatException">The text is none of these; the message says what is expected.</exception>
    public static StorageLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Equals("memory", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("memory:", StringComparison.OrdinalIgnoreCase))
        {
            return new StorageLocation(StorageKind.Memory, string.Empty);
        }

        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? string.Empty : trimmed[..colon].ToLowerInvariant();
        var target = colon < 0 ? string.Empty : trimmed[(colon + 1)..].Trim();
        switch (scheme)
        {
            case "sqlite" when target.Length > 0:
                return new StorageLocation(StorageKind.Sqlite, target);
            case "postgres" or "postgresql" when target.Length > 0:
                try
                {
                    _ = new NpgsqlConnectionStringBuilder(target);
                }
                catch (ArgumentException e)
                {
                    throw new FormatException($"storage '{Redact(trimmed)}': the PostgreSQL connection string is not valid ({e.Message}); expected e.g. postgres:Host=127.0.0.1;Port=5432;Database=actortuner;Username=tuner", e);
                }

                return new StorageLocation(StorageKind.Postgres, target);
            case "sqlite" or "postgres" or "postgresql":
                throw new FormatException($"storage '{trimmed}': nothing after '{scheme}:'; expected sqlite:PATH or postgres:CONNECTION_STRING");
            default:
                throw new FormatException($"storage '{Redact(trimmed)}': expected sqlite:PATH (e.g. sqlite:actortuner.db), postgres:CONNECTION_STRING (e.g. postgres:Host=127.0.0.1;Database=actortuner;Username=tuner) or memory");
        }
    }

    /// <summary>The storage from <paramref name="option"/> if given, else from <c>ACTORTUNER_STORAGE</c>, else the default.</summary>
    public static StorageLocation Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Parse(option);
        }

        var fromEnvironment = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Default;
        }

        try
        {
            return Parse(fromEnvironment);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{EnvironmentVariable}: {e.Message}", e);
        }
    }

    /// <summary>The Akka configuration of this journal and snapshot store.</summary>
    public Config ToConfig() => Kind switch
    {
        StorageKind.Sqlite => ActorTunerConfig.SqliteJournal(Target),
        StorageKind.Postgres => ActorTunerConfig.PostgresJournal(Target),
        _ => ConfigurationFactory.ParseString("""
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """),
    };

    /// <summary>As the user wrote it, with any password in a connection string hidden.</summary>
    public override string ToString() => Kind switch
    {
        StorageKind.Sqlite => $"sqlite:{Target}",
        StorageKind.Postgres => Redact($"postgres:{Target}"),
        _ => "memory",
    };

    private static string Redact(string text) =>
        System.Text.RegularExpressions.Regex.Replace(text, "(?i)(password|pwd)\\s*=\\s*[^;]*", "$1=***");
}
