using System.Runtime.CompilerServices;
using ActorTuner.Cli.StudyFiles;
using ActorTuner.Examples.Cluster;
using ActorTuner.Examples.Digits;

namespace ActorTuner.Examples.Tests.Cluster;

public sealed class ClusterWorkerTests
{
    private static string Repository([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    [Fact]
    public void The_cluster_study_file_names_the_objective_the_worker_registers_and_its_space_is_the_objective_s()
    {
        var definition = StudyFile.Load(Path.Combine(Repository(), "hocon", "examples", "digits-cluster.conf"));
        definition.Work.ShouldNotBeNull();
        definition.Work.Registered.ShouldBe(ClusterWorker.DigitsObjectiveName);
        definition.Objective.ShouldBeNull();
        ClusterWorker.Objectives.Keys.ShouldBe([ClusterWorker.DigitsObjectiveName]);
        definition.Space.Parameters.Select(p => p.Name).ShouldBe(
            [DigitsObjective.LearningRate, DigitsObjective.BatchSize, DigitsObjective.Width, DigitsObjective.Depth, DigitsObjective.Dropout, DigitsObjective.WeightDecay]);
    }

    [Fact]
    public async Task Bad_options_are_named_before_anything_starts()
    {
        var error = new StringWriter();
        (await ClusterWorker.RunAsync(["--slots"], error)).ShouldBe(2);
        error.ToString().ShouldContain("unknown or incomplete option '--slots'");

        error = new StringWriter();
        (await ClusterWorker.RunAsync(["--slots", "many", "--storage", "memory"], error)).ShouldBe(2);
        error.ToString().ShouldContain("--slots: expected a whole number");

        error = new StringWriter();
        (await ClusterWorker.RunAsync(["--seed-nodes", "nohost", "--storage", "memory"], error)).ShouldBe(2);
        error.ToString().ShouldContain("'nohost' is not host:port");
    }
}
