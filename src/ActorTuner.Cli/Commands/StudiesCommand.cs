using System.CommandLine;
using ActorTuner.Actors.Tuning;
using ActorTuner.Cli.Reports;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Cli.Commands;

/// <summary><c>actortuner studies [--storage S]</c>: the studies in a storage, one line each.</summary>
public static class StudiesCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var storage = CliOptions.Storage();
        var command = new Command("studies", "List the studies in a storage, one line each") { storage };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(storage), ct));
        return command;
    }

    /// <summary>One line for <paramref name="study"/>: name, direction, progress, failures, best, sampler.</summary>
    public static string Line(StudyState study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var s = study.Settings!;
        var failed = study.Failed;
        var status = study.IsDone ? "done" : study.Running > 0 ? $"{study.Running} running" : "stopped";
        var best = study.Best is { } b ? $"best {ProgressView.Format(b.Value)} (trial {b.Number})" : "no best yet";
        return $"{s.Name}\t{(s.Direction == Direction.Minimize ? "minimize" : "maximize")}\t{study.Finished}/{study.Budget} finished\t{failed} failed\t{status}\t{best}\tsampler {study.Sampler}";
    }

    /// <summary>Lists the studies; returns the exit code.</summary>
    public static async Task<int> RunAsync(string? storageOption, CancellationToken cancellation)
    {
        try
        {
            var storage = CliOptions.ResolveStorage(storageOption);
            if (storage.Kind == Actors.Storage.StorageKind.Sqlite && !File.Exists(storage.Target))
            {
                await Console.Error.WriteLineAsync($"error: {storage}: no such file (run a study first, or give --storage)").ConfigureAwait(false);
                return CliOptions.Failed;
            }

            await using var tuner = Tuner.Open(storage);
            foreach (var name in await tuner.ListAsync(cancellation).ConfigureAwait(false))
            {
                if (await tuner.ReadAsync(name, cancellation).ConfigureAwait(false) is { } study)
                {
                    await Console.Out.WriteLineAsync(Line(study)).ConfigureAwait(false);
                }
            }

            return CliOptions.Ok;
        }
        catch (Exception e) when (e is FormatException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.BadInput;
        }
        catch (TimeoutException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.Failed;
        }
    }
}
