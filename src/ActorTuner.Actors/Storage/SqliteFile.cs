using Microsoft.Data.Sqlite;

namespace ActorTuner.Actors.Storage;

/// <summary>Prepares a SQLite journal file before the actor system opens it.</summary>
internal static class SqliteFile
{
    /// <summary>
    /// Puts the file (created if missing) in write-ahead-log mode, which the file remembers. Every event the
    /// study persists is its own transaction; in the default rollback-journal mode each costs several fsyncs,
    /// in WAL mode one, which about doubles a study's trials per second (see docs/throughput.md), and readers
    /// (<c>actortuner export</c> while a run is going) no longer block the writer.
    /// </summary>
    public static void UseWriteAheadLog(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
