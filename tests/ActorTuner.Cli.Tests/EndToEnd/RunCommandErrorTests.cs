namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary><c>actortuner run</c> as a real process on a bad study file and on an objective that crashes.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class RunCommandErrorTests
{
    private const string CrashesForPositiveX = "import sys\nx = float(sys.argv[1])\nif x > 0:\n    raise ValueError(f'x must not be positive, got {x}')\nprint(x * x)";

    [Fact]
    public async Task A_misspelt_key_exits_2_naming_the_file_the_line_and_the_likely_key()
    {
        using var folder = new StudyFolder();
        var path = folder.WriteStudy(trials: 5, parallelism: 1);
        var text = File.ReadAllText(path).Replace("parallelism = 1", "paralelism = 4", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("paralelism", StringComparison.Ordinal)) + 1;

        using var run = await folder.RunAsync();

        run.ExitCode.ShouldBe(2, run.Output());
        run.Stderr.ShouldContain($"study.conf:{line}:", Case.Sensitive, run.Output());
        run.Stderr.ShouldContain("did you mean 'parallelism'", Case.Sensitive, run.Output());
        File.Exists(folder.Database).ShouldBeFalse("nothing may be written before the whole file is checked");
    }

    [Fact]
    public async Task A_crashing_objective_fails_its_trials_with_the_stderr_tail_and_the_study_still_completes()
    {
        using var folder = new StudyFolder();
        folder.WriteStudy(trials: 10, parallelism: 4, script: CrashesForPositiveX);

        using var run = await folder.RunAsync();

        run.ExitCode.ShouldBe(0, run.Output());
        var study = await folder.ExportAsync();
        study.Trials.Count.ShouldBe(10);
        var failed = study.InState("failed").ToList();
        var complete = study.InState("complete").ToList();
        (failed.Count + complete.Count).ShouldBe(10);
        failed.ShouldNotBeEmpty("seed 3 draws positive x; the test needs some");
        complete.ShouldNotBeEmpty("seed 3 draws negative x; the test needs some");
        foreach (var t in failed)
        {
            t.Error.ShouldNotBeNull();
            t.Error.ShouldContain("Traceback");
            t.Error.ShouldContain("ValueError: x must not be positive");
            t.Value.ShouldBeNull();
        }

        folder.ResultsPerTrial().ShouldAllBe(kv => kv.Value == 1);
    }
}
