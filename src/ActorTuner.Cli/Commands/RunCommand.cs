using System.CommandLine;
using System.Runtime.InteropServices;
using ActorTuner.Actors.Objectives;
using ActorTuner.Actors.Storage;
using ActorTuner.Actors.Tuning;
using ActorTuner.Cli.Reports;
using ActorTuner.Cli.StudyFiles;
using Spectre.Console;

namespace ActorTuner.Cli.Commands;

/// <summary><c>actortuner run STUDY.conf [--storage S] [--workers N]</c>: create or resume a study and run it to its budget.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("study") { Description = "The study file (HOCON), e.g. hocon/examples/quadratic.conf" };
        var storage = CliOptions.Storage();
        var workers = new Option<int?>("--workers") { Description = "Trials run at once on this machine (default: the study's parallelism)" };
        var best = new Option<int>("--best") { Description = "Rows in the table of best trials at the end", DefaultValueFactory = _ => 5 };
        var command = new Command("run", "Create or resume the study a file describes and run it until its budget of finished trials is reached")
        {
            file, storage, workers, best,
        };
        command.SetAction((parse, _) => RunAsync(parse.GetRequiredValue(file), parse.GetValue(storage), parse.GetValue(workers), parse.GetValue(best)));
        return command;
    }

    /// <summary>Runs the study in <paramref name="path"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string path, string? storageOption, int? workers, int bestRows)
    {
        var console = AnsiConsole.Console;
        ProgressView.WidenWhenRedirected(console);
        StudyDefinition definition;
        StorageLocation storage;
        try
        {
            definition = StudyFile.Load(path);
            if (definition.Objective is null)
            {
                throw new StudyFileException(path, 1, 1, "study.objective", definition.Work?.Registered is { } name
                    ? $"registered = {name} names an in-process objective of cluster worker nodes: submit the study with actortuner submit --cluster HOST:PORT, or give objective {{ command = [program, args...] }} to run it here"
                    : "required for actortuner run: give objective { command = [program, args...] }");
            }

            CommandObjective.Validate(definition.Objective);
            storage = CliOptions.ResolveStorage(storageOption);
            if (workers is < 1)
            {
                throw new FormatException($"--workers: must be at least 1, got {workers}");
            }
        }
        catch (Exception e) when (e is StudyFileException or FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.BadInput;
        }

        using var stop = new CancellationTokenSource();
        var interrupts = 0;
        void Interrupt()
        {
            if (Interlocked.Increment(ref interrupts) == 1)
            {
                Console.Error.WriteLine("stopping: cancelling running trials and handing them back to the study (Ctrl+C again to quit at once)");
                stop.Cancel();
            }
            else
            {
                Environment.Exit(CliOptions.Interrupted);
            }
        }

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Interrupt();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            Interrupt();
        });
        try
        {
            await using var tuner = Tuner.Open(storage, Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = ERROR\nakka.stdout-loglevel = ERROR"));
            var spec = new StudySpec(definition.Settings, definition.Space, definition.Sampler);
            var before = await tuner.ReadAsync(spec.Settings.Name, stop.Token).ConfigureAwait(false);
            var slots = workers ?? spec.Settings.Parallelism;
            console.MarkupLine(Markup.Escape(Describe(spec, storage, before, slots)));
            if (before is not null && before.Sampler != spec.Sampler)
            {
                console.MarkupLine(Markup.Escape($"note: the study keeps the sampler it was created with ({before.Sampler}); the file's '{spec.Sampler}' applies to a new study name"));
            }

            var objective = definition.Objective!;
            Func<int, IObjectiveRunner> runners = slot => CommandObjective.CreateRunner(objective, slot);
            var result = await ProgressReporter.RunAsync(console, spec.Settings.Name, new RunOptions { Workers = slots }, before?.Finished ?? 0,
                options => tuner.RunAsync(spec, runners, options, stop.Token)).ConfigureAwait(false);

            console.Write(ProgressView.BestTable(result.State, bestRows));
            var failed = result.State.Failed;
            var bestTrial = result.Best;
            console.MarkupLine(Markup.Escape(
                $"{result.State.Finished}/{result.State.Budget} trials finished ({failed} failed) in {ProgressView.Duration(result.Elapsed)}; " +
                (bestTrial is null ? "no trial completed" : $"best {ProgressView.Format(bestTrial.Value)} at trial {bestTrial.Number}: {StudyExport.Describe(bestTrial.Configuration)}")));
            if (result.Stopped)
            {
                console.MarkupLine(Markup.Escape($"stopped before the budget; run the same command again to resume (storage {storage})"));
                return CliOptions.Interrupted;
            }

            return CliOptions.Ok;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("stopped before the study started").ConfigureAwait(false);
            return CliOptions.Interrupted;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static string Describe(StudySpec spec, StorageLocation storage, Core.Studies.StudyState? before, int slots)
    {
        var s = spec.Settings;
        var status = before switch
        {
            null => "new study",
            { IsDone: true } when before.Budget == s.Budget => $"already done ({before.Finished}/{before.Budget})",
            _ => $"resuming at {before.Finished}/{before.Budget} finished",
        };
        return $"study {s.Name}: {status}; {s.Budget} trials, {slots} at a time, sampler {spec.Sampler}, storage {storage}";
    }
}
