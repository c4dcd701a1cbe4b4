using ActorTuner.Actors.Tuning;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using ActorTuner.Core.Trials;

namespace ActorTuner.Actors.Tests.Tuning;

/// <summary>The README's "From .NET" lines, as written there (storage in a temporary file).</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_library_example_runs_and_finds_a_good_learning_rate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actortuner-readme-{Guid.NewGuid():N}.db");
        try
        {
            await using var tuner = Tuner.Open($"sqlite:{path}");
            var space = SearchSpace.Create(
                new FloatParameter("lr", 1e-5, 1e-1, Log: true),
                new OrdinalParameter("batch", [32, 64, 128]));
            var spec = new StudySpec(new StudySettings("my-model", Direction.Minimize, Budget: 20, Parallelism: 4,
                Seed: 1, MaxAttempts: 3, Lease: TimeSpan.FromMinutes(5)), space, "gp");
            var result = await tuner.RunAsync(spec, async (trial, ct) =>
            {
                var loss = await TrainAsync(trial.Float("lr"), (int)trial.Int("batch"), ct);
                return loss;
            });

            result.State.Finished.ShouldBe(20);
            result.Best!.Value!.Value.ShouldBeLessThan(0.5); // log10(lr) within ~0.7 of -3 (20 trials over 4 decades)
        }
        finally
        {
            File.Delete(path);
        }
    }

    // A stand-in training run: best at lr = 1e-3, batch 64.
    private static async Task<double> TrainAsync(double lr, int batch, CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        return Math.Pow(Math.Log10(lr) + 3, 2) + (batch == 64 ? 0 : 0.1);
    }
}
