using ActorTuner.Core.Serialization;
using ActorTuner.Core.Studies;
using Npgsql;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>
/// A study's events as its PostgreSQL journal table holds them, each with the time it was written (the
/// journal's <c>created</c> column: UTC ticks), read with plain SQL and decoded by <see cref="StudyJson"/>. The
/// cluster tests fold them into the study's state at any moment, and time failovers by them.
/// </summary>
public sealed class StudyJournal
{
    private readonly string _connection;
    private readonly string _persistenceId;

    public StudyJournal(string connectionString, string study)
    {
        _connection = connectionString;
        _persistenceId = "study-" + study;
    }

    /// <summary>Every event of the study so far, in journal order.</summary>
    public async Task<IReadOnlyList<JournalledEvent>> ReadAsync()
    {
        var events = new List<JournalledEvent>();
        await using var connection = new NpgsqlConnection(_connection);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence_number, created, manifest, message FROM journal WHERE persistence_id = $1 AND NOT deleted ORDER BY sequence_number";
        command.Parameters.AddWithValue(_persistenceId);
        try
        {
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                var created = new DateTime(rows.GetInt64(1), DateTimeKind.Utc);
                events.Add(new JournalledEvent(rows.GetInt64(0), created, StudyJson.Read(rows.GetString(2), (byte[])rows[3])));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // No node has written yet: the journal's tables are created on first use.
        }

        return events;
    }

    /// <summary>The study's state folded from <paramref name="events"/>.</summary>
    public static StudyState Fold(IEnumerable<JournalledEvent> events) => StudyState.Empty.ApplyAll(events.Select(e => e.Event));

    /// <summary>The study's state now.</summary>
    public async Task<StudyState> StateAsync() => Fold(await ReadAsync());

    /// <summary>Trials completed so far.</summary>
    public async Task<int> CompletedAsync() => (await ReadAsync()).Count(e => e.Event is TrialCompleted);

    /// <summary>Per trial number, how many <c>trial-completed.v1</c> and <c>trial-failed.v1</c> events the journal holds.</summary>
    public async Task<IReadOnlyDictionary<int, int>> ResultsPerTrialAsync()
    {
        var results = new Dictionary<int, int>();
        foreach (var e in await ReadAsync())
        {
            var number = e.Event switch
            {
                TrialCompleted c => c.Number,
                TrialFailed f => f.Number,
                _ => (int?)null,
            };
            if (number is { } n)
            {
                results[n] = results.GetValueOrDefault(n) + 1;
            }
        }

        return results;
    }
}
