using System.CommandLine;
using ActorTuner.Actors.Tuning;
using ActorTuner.Cli.Reports;

namespace ActorTuner.Cli.Commands;

/// <summary><c>actortuner export NAME [--storage S] [--format json|csv] [--out FILE]</c>: every trial of a study.</summary>
public static class ExportCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The study's name" };
        var storage = CliOptions.Storage();
        var format = new Option<string>("--format") { Description = "json or csv", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var command = new Command("export", "Write every trial of a study as JSON or CSV") { name, storage, format, output };
        command.SetAction((parse, ct) => RunAsync(parse.GetRequiredValue(name), parse.GetValue(storage), parse.GetRequiredValue(format), parse.GetValue(output), ct));
        return command;
    }

    /// <summary>Exports the study; returns the exit code.</summary>
    public static async Task<int> RunAsync(string name, string? storageOption, string format, string? output, CancellationToken cancellation)
    {
        try
        {
            var storage = CliOptions.ResolveStorage(storageOption);
            await using var tuner = Tuner.Open(storage);
            var study = await tuner.ReadAsync(name, cancellation).ConfigureAwait(false);
            if (study is null)
            {
                var known = storage.Kind == Actors.Storage.StorageKind.Memory ? [] : await tuner.ListAsync(cancellation).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"error: no study '{name}' in {storage}" + (known.Count > 0 ? $"; it has {string.Join(", ", known)}" : "; it has no studies")).ConfigureAwait(false);
                return CliOptions.Failed;
            }

            var text = format == "csv" ? StudyExport.Csv(study) : StudyExport.Json(study) + Environment.NewLine;
            if (output is null)
            {
                await Console.Out.WriteAsync(text).ConfigureAwait(false);
            }
            else
            {
                await File.WriteAllTextAsync(output, text, cancellation).ConfigureAwait(false);
            }

            return CliOptions.Ok;
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.BadInput;
        }
        catch (Exception e) when (e is TimeoutException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.Failed;
        }
    }
}
