namespace ActorTuner.Actors.Objectives;

/// <summary>
/// An objective written in .NET: a function from the trial to its value.
/// </summary>
/// <remarks>
/// An exception from the function fails the trial with <c>"ExceptionType: message"</c> (no stack trace), and so
/// does a NaN or infinite value. When the runner's token fires, <see cref="OperationCanceledException"/> is
/// thrown. With a timeout, the token the function gets is cancelled when the time is up, and the trial fails
/// as timed out then, even when the function ignores its token (it is left to finish on its own).
/// </remarks>
public sealed class DelegateObjectiveRunner : IObjectiveRunner
{
    private readonly Func<Trial, CancellationToken, Task<double>> _objective;
    private readonly TimeSpan? _timeout;

    /// <summary>Runs <paramref name="objective"/> for each trial, each for at most <paramref name="timeout"/> when given.</summary>
    public DelegateObjectiveRunner(Func<Trial, CancellationToken, Task<double>> objective, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (timeout is { } t && t != Timeout.InfiniteTimeSpan && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), t, "the objective timeout must be positive (or infinite)");
        }

        _objective = objective;
        _timeout = timeout;
    }

    /// <inheritdoc />
    public async Task<TrialOutcome> RunAsync(Trial trial, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(trial);
        cancellation.ThrowIfCancellationRequested();
        using var timeout = new CancellationTokenSource(_timeout ?? Timeout.InfiniteTimeSpan);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, timeout.Token);
        try
        {
            var value = await _objective(trial, linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            return ObjectiveOutput.FromValue(value);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new OperationCanceledException("the run is stopping", cancellation);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return TrialOutcome.Failed($"the objective timed out after {ObjectiveOutput.Describe(_timeout!.Value)}");
        }
        catch (Exception e)
        {
            return TrialOutcome.Failed($"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
