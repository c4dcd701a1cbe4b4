using ActorTuner.Examples.Digits;
using Spectre.Console;

namespace ActorTuner.Examples.Tests.Digits;

public sealed class DigitsTuningJobTests
{
    [Fact]
    public async Task The_main_job_runs_both_studies_and_a_second_run_reads_them_from_the_journal()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actortuner-digits-{Guid.NewGuid():N}.db");
        try
        {
            var first = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(first), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
            (await DigitsTuningJob.RunAsync(path, trials: 4, fresh: false, console, CancellationToken.None)).ShouldBe(0);
            var text = first.ToString();
            text.ShouldContain("study digits-mlp-gp");
            text.ShouldContain("study digits-mlp-random");
            text.ShouldContain("best validation loss");
            text.ShouldContain("test accuracy (retrained)");
            text.ShouldContain("(4/4 finished");

            // The journal answers the second run: no trial is run again (no per-trial lines).
            var second = new StringWriter();
            var again = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(second), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
            (await DigitsTuningJob.RunAsync(path, trials: 4, fresh: false, again, CancellationToken.None)).ShouldBe(0);
            second.ToString().ShouldNotContain("(1/4 finished");
            second.ToString().ShouldContain("best validation loss");
        }
        finally
        {
            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"))
            {
                File.Delete(file);
            }
        }
    }
}
