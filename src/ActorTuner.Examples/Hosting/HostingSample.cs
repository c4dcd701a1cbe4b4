using System.Globalization;
using ActorTuner.Actors.Hosting;
using ActorTuner.Actors.Studies;
using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;
using Akka.Actor;
using Akka.Configuration;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorTuner.Examples.Hosting;

/// <summary>
/// <c>ActorTuner.Examples hosting-sample [--storage STORAGE]</c>: an Akka.NET backend built with
/// Microsoft.Extensions.Hosting and Akka.Hosting's <c>AddAkka(... WithActorTuner(...))</c>. It opens a study
/// through the registry (<c>IRequiredActor&lt;ActorTunerStudies&gt;</c>) and runs two ask-a-trial / tell-the-result
/// loops on the Branin function (minimum 0.397887) until the study is done.
/// </summary>
public static class HostingSample
{
    /// <summary>The command word.</summary>
    public const string Name = "hosting-sample";

    /// <summary>The option giving the storage (default: a temporary SQLite file, deleted afterwards).</summary>
    public const string StorageOption = "--storage";

    /// <summary>The study's name in the journal.</summary>
    public const string StudyName = "hosting-sample";

    /// <summary>Exit code: the command line was wrong.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code: the study could not be opened or run.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    // While the other loop's trial is the last one the budget needs, a loop has nothing to run: it asks again soon.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private static readonly Config Quiet = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """);

    /// <summary>The usage text.</summary>
    public static string UsageText { get; } = string.Join(
        Environment.NewLine,
        $"  {Name} [{StorageOption} STORAGE]   an Akka.Hosting backend tuning Branin by messages (ask a trial, tell a result);",
        "                                  STORAGE is sqlite:PATH, postgres:CONNECTION_STRING or memory (default: a temporary SQLite file)",
        string.Empty);

    /// <summary>The study the sample opens: Branin's two parameters, 12 trials, 2 at a time, the GP sampler.</summary>
    public static StudySpec Spec { get; } = new(
        new StudySettings(StudyName, Direction.Minimize, Budget: 12, Parallelism: 2, Seed: 7, MaxAttempts: 2, Lease: TimeSpan.FromMinutes(1)),
        SearchSpace.Create(new FloatParameter("x1", -5, 10), new FloatParameter("x2", 0, 15)),
        "gp");

    /// <summary>Runs the command with the options after the command word.</summary>
    public static int Run(IReadOnlyList<string> options, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(error);
        string? storage;
        switch (options)
        {
            case []:
                storage = null;
                break;
            case [StorageOption, var given]:
                storage = given;
                break;
            default:
                error.WriteLine($"{Name}: unknown options '{string.Join(' ', options)}'; usage:");
                error.Write(UsageText);
                return UsageError;
        }

        var temporary = storage is null ? Directory.CreateTempSubdirectory("actortuner-hosting-sample-").FullName : null;
        try
        {
            storage ??= $"sqlite:{Path.Combine(temporary!, "sample.db")}";
            var state = RunAsync(storage, output, time, cancellationToken).GetAwaiter().GetResult();
            return state.IsDone ? 0 : Failed;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine($"{Name}: cancelled");
            return Cancelled;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or TimeoutException or AskTimeoutException)
        {
            error.WriteLine($"{Name}: {e.Message}");
            return Failed;
        }
        finally
        {
            if (temporary is not null)
            {
                Directory.Delete(temporary, recursive: true);
            }
        }
    }

    /// <summary>
    /// Starts a host with ActorTuner journalled in <paramref name="storage"/>, opens <see cref="Spec"/> (or resumes
    /// it), runs it to its budget with two loops, prints each trial and the best to <paramref name="output"/>,
    /// stops the host and returns the study's final state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The registry rejected the study or a command.</exception>
    public static async Task<StudyState> RunAsync(string storage, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(time);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka("sample", b => b
            .AddHocon(Quiet, HoconAddMode.Prepend)
            .WithActorTuner(o => o.Storage = storage));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var studies = await host.Services.GetRequiredService<IRequiredActor<ActorTunerStudies>>().GetAsync(cancellationToken).ConfigureAwait(false);
            if (await studies.Ask<StudyReply>(new OpenStudy(Spec), AskTimeout, cancellationToken).ConfigureAwait(false) is Rejected rejected)
            {
                throw new InvalidOperationException($"study '{StudyName}' not opened: {rejected.Why}");
            }

            var lines = TextWriter.Synchronized(output);
            await Task.WhenAll(Enumerable.Range(0, Spec.Settings.Parallelism)
                .Select(i => WorkAsync(studies, $"sample-worker-{i}", lines, time, cancellationToken))).ConfigureAwait(false);
            var state = (await studies.Ask<GetStudyResult>(new GetStudyByName(StudyName), AskTimeout, cancellationToken).ConfigureAwait(false)).State;
            lines.WriteLine(state.Best is { } best
                ? $"best: trial {best.Number} branin={best.Value:F6} at {Describe(best.Configuration)} ({state.Finished} trials finished; the minimum is 0.397887)"
                : $"no trial completed ({state.Finished} finished)");
            return state;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Branin-Hoo on [-5, 10] x [0, 15]: three global minima of 0.397887.</summary>
    public static double Branin(double x1, double x2)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI);
        const double c = 5 / Math.PI;
        const double t = 1 / (8 * Math.PI);
        var inner = x2 - (b * x1 * x1) + (c * x1) - 6;
        return (inner * inner) + (10 * (1 - t) * Math.Cos(x1)) + 10;
    }

    /// <summary>One worker: ask a trial, evaluate it, tell the result, until the study is done.</summary>
    private static async Task WorkAsync(IActorRef studies, string worker, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var reply = await Ask(studies, new RequestTrial(worker, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            switch (reply)
            {
                case TrialAssigned trial:
                    var value = Branin(trial.Configuration["x1"].AsDouble(), trial.Configuration["x2"].AsDouble());
                    var told = await Ask(studies, new CompleteTrial(trial.Number, trial.Attempt, value), cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"trial {trial.Number,2} ({worker}): {Describe(trial.Configuration)} -> branin={value:F6} [{told.GetType().Name}]");
                    break;
                case NoTrial { StudyDone: true }:
                    return;
                case NoTrial:
                    await Task.Delay(RetryDelay, time, cancellationToken).ConfigureAwait(false);
                    break;
                case Rejected rejected:
                    throw new InvalidOperationException($"study '{StudyName}': {rejected.Why}");
                default:
                    throw new InvalidOperationException($"study '{StudyName}': unexpected reply {reply}");
            }
        }
    }

    private static Task<StudyReply> Ask(IActorRef studies, StudyCommand command, CancellationToken cancellationToken) =>
        studies.Ask<StudyReply>(new ForStudy(StudyName, command), AskTimeout, cancellationToken);

    private static string Describe(Configuration configuration) =>
        string.Join(", ", configuration.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value.AsDouble():F3}")));
}
