using ActorTuner.Actors.Tuning;
using Spectre.Console;

namespace ActorTuner.Cli.Reports;

/// <summary>
/// Runs a study while showing its progress: a live panel on an interactive terminal, one line per finished
/// trial when the output goes to a file or a pipe (where a live panel would repeat itself).
/// </summary>
public static class ProgressReporter
{
    /// <summary>
    /// Calls <paramref name="run"/> with the options to pass to <see cref="Tuner"/> (progress wired in) and
    /// returns its result; <paramref name="finishedBefore"/> trials are not printed again.
    /// </summary>
    public static async Task<StudyRunResult> RunAsync(
        IAnsiConsole console,
        string study,
        RunOptions options,
        int finishedBefore,
        Func<RunOptions, Task<StudyRunResult>> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        if (console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            StudyRunResult? done = null;
            await console.Live(ProgressView.Panel(study, null)).AutoClear(false).StartAsync(async live =>
            {
                done = await run(options with
                {
                    Progress = p =>
                    {
                        live.UpdateTarget(ProgressView.Panel(study, p));
                        live.Refresh();
                    },
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return done!;
        }

        var printed = finishedBefore;
        return await run(options with
        {
            Progress = p =>
            {
                foreach (var line in ProgressView.NewlyFinished(p, printed))
                {
                    console.WriteLine(line);
                }

                printed = p.State.Finished;
            },
        }).ConfigureAwait(false);
    }
}
