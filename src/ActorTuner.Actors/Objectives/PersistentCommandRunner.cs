using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Actors.Objectives;

/// <summary>
/// Runs trials in one long-lived external process per runner, that is per worker slot
/// (<see cref="CommandMode.Persistent"/>), so that an objective loads its data or model once.
/// </summary>
/// <remarks>
/// <para>
/// The process starts with the first trial, from the spec's command as it is (placeholders are not filled) and
/// the spec's environment plus <c>ACTORTUNER_SLOT</c> when the runner has a slot (and <c>PYTHONUNBUFFERED=1</c>
/// unless the spec sets it). For each trial it gets one line on stdin,
/// <c>{"trial": 3, "attempt": 1, "params": {"lr": 0.01, "kernel": "rbf"}}</c>, and answers on stdout with
/// <c>{"trial": 3, "value": 0.123}</c> or <c>{"trial": 3, "error": "what went wrong"}</c>, after any number of
/// intermediate reports <c>{"trial": 3, "step": 10, "value": 0.2}</c>. A line that is not JSON (a library's
/// banner) is ignored, but the last few are quoted when the trial fails; a JSON line for another trial is
/// ignored. The process must flush stdout after each line.
/// </para>
/// <para>
/// When the process exits during a trial, the trial fails with the exit code (or signal) and the tail of
/// stderr, and the next trial starts a new process; only a process that exits with code 0 before a word about
/// the trial is taken to have ended between trials, and the trial is sent once to a new process. When a trial
/// runs past the timeout, the process tree is killed, the trial fails, and the next trial starts a new
/// process. When the token fires, the tree is killed and <see cref="OperationCanceledException"/> is thrown.
/// Disposing closes stdin, so that a script reading its input to the end exits, and kills the tree if it has
/// not exited two seconds later.
/// </para>
/// </remarks>
public sealed class PersistentCommandRunner : IObjectiveRunner
{
    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1);
    private readonly CommandObjectiveSpec _spec;
    private readonly int? _slot;
    private ObjectiveProcess? _process;
    private OutputTail _stdoutTail = NewStdoutTail();
    private int _running;
    private bool _heard;
    private bool _disposed;

    /// <summary>
    /// Creates a runner for <paramref name="spec"/>, whose mode must be <see cref="CommandMode.Persistent"/>,
    /// serving worker slot <paramref name="slot"/> when given.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is not valid (see <see cref="CommandObjective.Validate"/>) or not persistent.</exception>
    public PersistentCommandRunner(CommandObjectiveSpec spec, int? slot = null)
    {
        CommandObjective.ValidateFor(spec, CommandMode.Persistent);
        _spec = spec;
        _slot = slot;
    }

    /// <summary>The id of the current process, or null before the first trial and after the process ended.</summary>
    public int? ProcessId => _process?.Id;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">Another trial is running on this runner.</exception>
    public async Task<TrialOutcome> RunAsync(Trial trial, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellation.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("a persistent objective process runs one trial at a time; this runner is busy");
        }

        try
        {
            // A process that ended cleanly between trials may only be seen to have ended once this one is sent.
            return await ExchangeAsync(trial, mayRestart: true, cancellation).ConfigureAwait(false)
                ?? (await ExchangeAsync(trial, mayRestart: false, cancellation).ConfigureAwait(false))!;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_process is { } process)
        {
            process.CloseInput();
            await process.WaitForExitAsync(ExitGrace).ConfigureAwait(false);
            Discard();
        }
    }

    private static OutputTail NewStdoutTail() => new(maxLines: 5, maxChars: 1024);

    private static byte[] Request(Trial trial)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("trial", trial.Number);
            writer.WriteNumber("attempt", trial.Attempt);
            writer.WritePropertyName("params");
            Trial.WriteParameters(writer, trial.Configuration);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Sends <paramref name="trial"/> and reads until its answer. Null (only when <paramref name="mayRestart"/>)
    /// when the process exited with code 0 without a word about the trial: it had ended before the trial and
    /// the trial may be sent to a new one.
    /// </summary>
    private async Task<TrialOutcome?> ExchangeAsync(Trial trial, bool mayRestart, CancellationToken cancellation)
    {
        if (_process is { HasExited: true })
        {
            Discard(); // It ended between trials; start afresh.
        }

        if (_process is null)
        {
            KeyValuePair<string, string>[] environment = _slot is { } slot
                ? [new("ACTORTUNER_SLOT", slot.ToString(CultureInfo.InvariantCulture))]
                : [];
            _process = ObjectiveProcess.TryStart(_spec, _spec.Command, environment, out var failure);
            if (_process is null)
            {
                return TrialOutcome.Failed(failure!);
            }
        }

        var process = _process;
        _heard = false;
        using var timeout = new CancellationTokenSource(_spec.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        try
        {
            await process.WriteLineAsync(Request(trial), linked.Token).ConfigureAwait(false);
            while (await process.ReadLineAsync(linked.Token).ConfigureAwait(false) is { } line)
            {
                if (Answer(trial, line) is { } outcome)
                {
                    return outcome;
                }
            }

            return await EndedAsync(process, trial, mayRestart).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Stdin broke: the process is gone.
            return await EndedAsync(process, trial, mayRestart).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            process.KillTree();
            cancellation.ThrowIfCancellationRequested();
            await process.DrainErrorsAsync(DrainLimit).ConfigureAwait(false);
            var reason = $"the persistent objective '{process.Program}' (pid {process.Id}) timed out after " +
                $"{ObjectiveOutput.Describe(_spec.Timeout)} on trial {trial.Number} and was killed with its child processes; " +
                "the next trial starts a new process";
            return TrialOutcome.Failed(Quoted(process, reason));
        }
        finally
        {
            if (ReferenceEquals(_process, process) && (process.HasExited || linked.IsCancellationRequested))
            {
                Discard();
            }
        }
    }

    /// <summary>The outcome <paramref name="line"/> gives the trial, or null when it gives none (yet).</summary>
    private TrialOutcome? Answer(Trial trial, string line)
    {
        using var json = ObjectiveOutput.TryParseObject(line);
        if (json is null)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                _stdoutTail.Add(line);
            }

            return null;
        }

        var answer = json.RootElement;
        if (!answer.TryGetProperty("trial", out var number) || number.ValueKind != JsonValueKind.Number
            || !number.TryGetInt32(out var n) || n != trial.Number)
        {
            return null;
        }

        _heard = true;
        if (answer.TryGetProperty("error", out var error))
        {
            var message = error.ValueKind == JsonValueKind.String ? error.GetString() : error.GetRawText();
            return TrialOutcome.Failed($"the objective reported an error: {message}");
        }

        if (answer.TryGetProperty("step", out _))
        {
            if (ObjectiveOutput.TryReadReport(answer, out var step, out var reported))
            {
                trial.Report(step, reported);
            }

            return null;
        }

        if (answer.TryGetProperty("value", out var value))
        {
            return ObjectiveOutput.TryReadNumber(value, out var result)
                ? ObjectiveOutput.FromValue(result)
                : TrialOutcome.Failed($"the objective answered {ObjectiveOutput.Quote(line)}: the value is not a number");
        }

        _stdoutTail.Add(line);
        return null;
    }

    private async Task<TrialOutcome?> EndedAsync(ObjectiveProcess process, Trial trial, bool mayRestart)
    {
        var exited = await process.WaitForExitAsync(ExitGrace).ConfigureAwait(false);
        if (exited && mayRestart && !_heard && process.ExitCode == 0)
        {
            Discard();
            return null;
        }

        await process.DrainErrorsAsync(DrainLimit).ConfigureAwait(false);
        var how = exited ? process.DescribeExit() : "closed its stdout without exiting and was killed";
        var reason = $"the persistent objective '{process.Program}' (pid {process.Id}) {how} during trial {trial.Number}; " +
            "the next trial starts a new process";
        return TrialOutcome.Failed(Quoted(process, reason));
    }

    private string Quoted(ObjectiveProcess process, string reason) =>
        process.Errors.AppendTo(_stdoutTail.AppendTo(reason, "stdout lines that were not answers"), "stderr");

    private void Discard()
    {
        _process?.Dispose();
        _process = null;
        _stdoutTail = NewStdoutTail();
    }
}
