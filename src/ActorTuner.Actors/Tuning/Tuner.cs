using System.Collections.Concurrent;
using System.Diagnostics;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Storage;
using ActorTuner.Actors.Studies;
using ActorTuner.Actors.Workers;
using ActorTuner.Core.Studies;
using ActorTuner.Surrogates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorTuner.Actors.Tuning;

/// <summary>
/// The library entry point: runs studies on this machine with their journal in a storage, and reads them back.
/// </summary>
/// <example>
/// <code>
/// await using var tuner = Tuner.Open("sqlite:tuning.db");
/// var result = await tuner.RunAsync(spec, async (trial, ct) => await TrainAsync(trial.Float("lr"), ct));
/// Console.WriteLine(result.Best);
/// </code>
/// </example>
public sealed class Tuner : IAsyncDisposable
{
    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        """);

    private static readonly TimeSpan ProgressTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(90);
    private readonly bool _ownsSystem;
    private readonly ConcurrentDictionary<string, IActorRef> _running = new(StringComparer.Ordinal);

    private Tuner(ActorSystem system, StorageLocation? storage, bool ownsSystem)
    {
        System = system;
        Storage = storage;
        _ownsSystem = ownsSystem;
    }

    /// <summary>The actor system studies run in.</summary>
    public ActorSystem System { get; }

    /// <summary>The storage, when this tuner opened its own actor system.</summary>
    public StorageLocation? Storage { get; }

    /// <summary>Opens <paramref name="storage"/> (<c>sqlite:PATH</c>, <c>postgres:CONNECTION_STRING</c> or <c>memory</c>) in a new actor system.</summary>
    public static Tuner Open(string storage = "sqlite:actortuner.db") => Open(StorageLocation.Parse(storage));

    /// <summary>Opens <paramref name="storage"/> in a new actor system; <paramref name="extra"/> overrides any setting.</summary>
    public static Tuner Open(StorageLocation storage, Config? extra = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Kind == StorageKind.Sqlite)
        {
            SqliteFile.UseWriteAheadLog(storage.Target);
        }

        var config = (extra ?? Config.Empty)
            .WithFallback(Quiet)
            .WithFallback(ActorTunerConfig.Serialization)
            .WithFallback(storage.ToConfig());
        return new Tuner(ActorSystem.Create("actortuner", config), storage, ownsSystem: true);
    }

    /// <summary>
    /// Uses an actor system configured elsewhere (Akka.Hosting's <c>WithActorTuner</c>, or by hand with
    /// <see cref="ActorTunerConfig"/>); disposing the tuner leaves the system running.
    /// </summary>
    public static Tuner Attach(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return new Tuner(system, null, ownsSystem: false);
    }

    /// <summary>Runs <paramref name="spec"/> with an in-process objective (see <see cref="RunAsync(StudySpec, Func{int, IObjectiveRunner}, RunOptions?, CancellationToken)"/>).</summary>
    public Task<StudyRunResult> RunAsync(
        StudySpec spec,
        Func<Trial, CancellationToken, Task<double>> objective,
        RunOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return RunAsync(spec, _ => new DelegateObjectiveRunner(objective), options, cancellation);
    }

    /// <summary>
    /// Creates the study (or resumes it from the journal: a larger budget extends it, the same budget finds it
    /// done), runs its trials on <see cref="RunOptions.Workers"/> worker slots, each with the runner
    /// <paramref name="runnerForSlot"/> gives it, and returns when the budget of finished trials is reached or
    /// <paramref name="cancellation"/> fires. On cancellation running trials are cancelled and handed back to
    /// the study (queued again), so the next run picks them up; the journal stays consistent. Attempts left
    /// running by a previous process (killed) are requeued first.
    /// </summary>
    /// <exception cref="ArgumentException">The spec is not valid (the message says which setting).</exception>
    /// <exception cref="InvalidOperationException">The storage holds this study with another space or direction, or it is already running here.</exception>
    /// <exception cref="TimeoutException">The storage did not answer.</exception>
    public async Task<StudyRunResult> RunAsync(
        StudySpec spec,
        Func<int, IObjectiveRunner> runnerForSlot,
        RunOptions? options = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(runnerForSlot);
        options ??= new RunOptions();
        spec.Settings.Validate();
        _ = SamplerFactory.Create(spec.Sampler, spec.Settings.Seed); // a bad sampler spec fails here, before anything is written
        var name = spec.Settings.Name;
        var clock = Stopwatch.StartNew();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var study = System.ActorOf(
            StudyActor.Supervised(StudyActor.Props(name, StudyActor.JournalledSampler), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30)),
            $"study-{name}-{runId}");
        if (!_running.TryAdd(name, study))
        {
            System.Stop(study);
            throw new InvalidOperationException($"study '{name}' is already running in this process");
        }

        var workers = new List<IActorRef>();
        var runners = new List<IObjectiveRunner>();
        try
        {
            var created = await AskStudy(study, new CreateStudy(spec.Settings, spec.Space, spec.Sampler), cancellation).ConfigureAwait(false);
            if (created is Rejected rejected)
            {
                throw new InvalidOperationException(rejected.Why); // every reason to refuse CreateStudy names the study
            }

            var state = await GetState(study, cancellation).ConfigureAwait(false);
            foreach (var orphan in state.Trials.Where(t => t.State == TrialState.Running).Select(t => t.Worker!).Distinct())
            {
                await AskStudy(study, new WorkerLost(orphan), cancellation).ConfigureAwait(false);
            }

            state = await GetState(study, cancellation).ConfigureAwait(false);
            var finishedAtStart = state.Finished;
            if (state.IsDone)
            {
                options.Progress?.Invoke(new StudyProgress(state, clock.Elapsed, finishedAtStart));
                return new StudyRunResult(state, Stopped: false, clock.Elapsed);
            }

            var slots = options.Workers ?? spec.Settings.Parallelism;
            ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1, nameof(options));
            for (var slot = 0; slot < slots; slot++)
            {
                var runner = runnerForSlot(slot);
                runners.Add(runner);
                var id = $"{Environment.MachineName}:{Environment.ProcessId}:{runId}/slot-{slot}";
                workers.Add(System.ActorOf(WorkerActor.Props(study, id, runner, options.Worker), $"worker-{name}-{runId}-{slot}"));
            }

            var allStopped = Task.WhenAll(workers.Select(w => w.WatchAsync(CancellationToken.None)));
            var stopped = false;
            while (!allStopped.IsCompleted)
            {
                if (cancellation.IsCancellationRequested && !stopped)
                {
                    stopped = true;
                    foreach (var w in workers)
                    {
                        w.Tell(StopWorker.Instance);
                    }

                    await Task.WhenAny(allStopped, Task.Delay(options.StopTimeout, CancellationToken.None)).ConfigureAwait(false);
                    break;
                }

                await Task.WhenAny(allStopped, Task.Delay(options.ProgressEvery, cancellation)).ConfigureAwait(false);
                if (options.Progress is { } progress && await TryGetState(study, ProgressTimeout).ConfigureAwait(false) is { } now)
                {
                    // No answer means the study is restarting (its journal failed): skip this update.
                    progress(new StudyProgress(now, clock.Elapsed, finishedAtStart));
                }
            }

            var final = await GetState(study, CancellationToken.None).ConfigureAwait(false);
            options.Progress?.Invoke(new StudyProgress(final, clock.Elapsed, finishedAtStart));
            return new StudyRunResult(final, Stopped: stopped && !final.IsDone, clock.Elapsed);
        }
        finally
        {
            foreach (var w in workers)
            {
                System.Stop(w);
            }

            await study.GracefulStop(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            _running.TryRemove(name, out _);
            foreach (var runner in runners)
            {
                await runner.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The study called <paramref name="name"/> as its journal has it, or null when the storage has no such study.</summary>
    public async Task<StudyState?> ReadAsync(string name, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_running.TryGetValue(name, out var live))
        {
            return await GetState(live, cancellation).ConfigureAwait(false);
        }

        // A study actor that only recovers: it writes nothing unless told to.
        var reader = System.ActorOf(StudyActor.Props(name, _ => throw new InvalidOperationException("a reader does not suggest")), $"read-{name}-{Guid.NewGuid():N}");
        try
        {
            var state = await GetState(reader, cancellation).ConfigureAwait(false);
            return state.IsCreated ? state : null;
        }
        finally
        {
            System.Stop(reader);
        }
    }

    /// <summary>The names of the studies in the storage, sorted (SQL storages only).</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellation = default)
    {
        if (Storage is { Kind: StorageKind.Memory })
        {
            throw new NotSupportedException("listing studies needs a SQL storage (sqlite:PATH or postgres:CONNECTION_STRING)");
        }

        var journal = PersistenceQuery.Get(System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var ids = await journal.CurrentPersistenceIds()
            .Where(id => id.StartsWith("study-", StringComparison.Ordinal))
            .Select(id => id["study-".Length..])
            .RunWith(Sink.Seq<string>(), System.Materializer())
            .WaitAsync(cancellation)
            .ConfigureAwait(false);
        return [.. ids.Distinct().Order(StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_ownsSystem)
        {
            await System.Terminate().ConfigureAwait(false);
        }
    }

    private static async Task<StudyState?> TryGetState(IActorRef study, TimeSpan timeout)
    {
        try
        {
            return (await study.Ask<GetStudyResult>(GetStudy.Instance, timeout).ConfigureAwait(false)).State;
        }
        catch (AskTimeoutException)
        {
            return null;
        }
    }

    // A study that stopped because its journal failed is restarted with backoff and answers nothing meanwhile,
    // so the question is asked again (a message sent while it is down is lost) until the overall deadline.
    private static async Task<StudyState> GetState(IActorRef study, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + StorageTimeout;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (await TryGetState(study, ProgressTimeout).ConfigureAwait(false) is { } state)
            {
                return state;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the study did not answer within {StorageTimeout.TotalSeconds:F0} s: is its storage reachable?");
            }
        }
    }

    // The commands asked here (create, worker lost) are idempotent, so asking again after a lost answer is safe.
    private static async Task<StudyReply> AskStudy(IActorRef study, StudyCommand command, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + StorageTimeout;
        while (true)
        {
            try
            {
                return await study.Ask<StudyReply>(command, ProgressTimeout, cancellation).ConfigureAwait(false);
            }
            catch (AskTimeoutException e) when (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the study did not answer {command.GetType().Name} within {StorageTimeout.TotalSeconds:F0} s: is its storage reachable?", e);
            }
            catch (AskTimeoutException)
            {
            }
        }
    }
}
