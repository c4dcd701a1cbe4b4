using System.CommandLine;
using System.Runtime.InteropServices;
using ActorTuner.Actors.Cluster;
using ActorTuner.Cli.Reports;
using ActorTuner.Cli.StudyFiles;
using ActorTuner.Core.Studies;
using Spectre.Console;

namespace ActorTuner.Cli.Commands;

/// <summary>
/// <c>actortuner submit STUDY.conf --cluster HOST:PORT [--wait]</c>: creates (or resumes) the study on a running
/// cluster; with <c>--wait</c>, follows it and exits 0 once its budget is done.
/// </summary>
public static class SubmitCommand
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("study") { Description = "The study file (HOCON); its objective runs on the cluster's worker nodes" };
        var cluster = ClusterOptions.Cluster();
        var tlsCert = ClusterOptions.TlsCert();
        var tlsPassword = ClusterOptions.TlsPasswordEnv();
        var wait = new Option<bool>("--wait") { Description = "Follow the study and exit once its budget of finished trials is reached" };
        var best = new Option<int>("--best") { Description = "Rows in the table of best trials at the end (with --wait)", DefaultValueFactory = _ => 5 };
        var command = new Command("submit", "Submit (or resume) a study on a running cluster")
        {
            file, cluster, wait, best, tlsCert, tlsPassword,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetRequiredValue(file), parse.GetValue(cluster), parse.GetValue(wait), parse.GetValue(best), parse.GetValue(tlsCert), parse.GetValue(tlsPassword)));
        return command;
    }

    /// <summary>Submits the study in <paramref name="path"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string path, string? clusterOption, bool wait, int bestRows, string? tlsCert = null, string? tlsPasswordEnv = null)
    {
        var console = AnsiConsole.Console;
        ProgressView.WidenWhenRedirected(console);
        StudyDefinition definition;
        string[] contacts;
        Actors.Cluster.TlsSettings? tls;
        try
        {
            definition = StudyFile.Load(path);
            if (definition.Work is null)
            {
                throw new StudyFileException(path, 1, 1, "study.objective", "required for actortuner submit: give objective { command = [program, args...] } or objective { registered = NAME }");
            }

            if (definition.Objective is { } command)
            {
                Actors.Objectives.CommandObjective.Validate(command);
            }

            contacts = ClusterOptions.Contacts(clusterOption);
            tls = ClusterOptions.Tls(tlsCert, tlsPasswordEnv);
        }
        catch (Exception e) when (e is StudyFileException or FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.BadInput;
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });
        var name = definition.Settings.Name;
        try
        {
            await using var connection = ClusterConnection.Open(contacts, tls: tls);
            var before = (await connection.GetStudyAsync(name, AskTimeout).ConfigureAwait(false)).State;
            var reply = await SubmitAsync(connection, new CreateStudy(definition.Settings, definition.Space, definition.Sampler, definition.Work)).ConfigureAwait(false);
            if (reply is Rejected rejected)
            {
                await Console.Error.WriteLineAsync($"error: {rejected.Why}").ConfigureAwait(false);
                return CliOptions.Failed;
            }

            var status = before.IsCreated ? $"resumed at {before.Finished}/{before.Budget} finished" : "created";
            console.MarkupLine(Markup.Escape($"study {name} {status} on the cluster at {string.Join(',', contacts)}: {definition.Settings.Budget} trials, {definition.Settings.Parallelism} at a time, sampler {definition.Sampler}" +
                (definition.Work.Requires.IsEmpty ? string.Empty : $", on workers tagged {string.Join(',', definition.Work.Requires)}")));
            if (before.IsCreated && before.Sampler != definition.Sampler)
            {
                console.MarkupLine(Markup.Escape($"note: the study keeps the sampler it was created with ({before.Sampler})"));
            }

            if (!wait)
            {
                console.MarkupLine(Markup.Escape($"follow it with: actortuner status {name} --cluster {contacts[0]}"));
                return CliOptions.Ok;
            }

            var started = DateTime.UtcNow;
            var state = await FollowAsync(connection, name, console, stop.Token).ConfigureAwait(false);
            console.Write(ProgressView.BestTable(state, bestRows));
            var bestTrial = state.Best;
            console.MarkupLine(Markup.Escape(
                $"{state.Finished}/{state.Budget} trials finished ({state.Failed} failed) after {ProgressView.Duration(DateTime.UtcNow - started)}; " +
                (bestTrial is null ? "no trial completed" : $"best {ProgressView.Format(bestTrial.Value)} at trial {bestTrial.Number}: {StudyExport.Describe(bestTrial.Configuration)}")));
            return CliOptions.Ok;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"stopped following; study {name} goes on running on the cluster").ConfigureAwait(false);
            return CliOptions.Interrupted;
        }
        catch (TimeoutException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Submits, asking again when no answer comes in time (a coordinator starting the study's shard on a loaded
    /// machine, a study moving): creating a study is idempotent, so a repeated submission changes nothing.
    /// </summary>
    private static async Task<StudyReply> SubmitAsync(ClusterConnection connection, CreateStudy create)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await connection.SubmitAsync(create, AskTimeout).ConfigureAwait(false);
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await Console.Error.WriteLineAsync($"no answer to the submission yet (attempt {attempt}); asking again").ConfigureAwait(false);
            }
        }
    }

    /// <summary>Polls the study once a second, printing a line whenever trials finish, until its budget is done.</summary>
    private static async Task<StudyState> FollowAsync(ClusterConnection connection, string name, IAnsiConsole console, CancellationToken cancellation)
    {
        var printed = -1;
        var unanswered = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            StudyState state;
            try
            {
                state = (await connection.GetStudyAsync(name, TimeSpan.FromSeconds(10)).ConfigureAwait(false)).State;
                unanswered = 0;
            }
            catch (TimeoutException) when (++unanswered < 30)
            {
                // The study is being re-hosted (its coordinator left or died): ask again.
                console.MarkupLine(Markup.Escape($"no answer from study {name} (moving to another coordinator?); asking again"));
                continue;
            }

            if (state.IsCreated && state.Finished != printed)
            {
                printed = state.Finished;
                var best = state.Best is { } b ? $", best {ProgressView.Format(b.Value)} (trial {b.Number})" : string.Empty;
                console.MarkupLine(Markup.Escape($"{DateTime.Now:HH:mm:ss} {state.Finished}/{state.Budget} finished, {state.Running} running, {state.Failed} failed{best}"));
            }

            if (state.IsDone)
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellation).ConfigureAwait(false);
        }
    }
}
