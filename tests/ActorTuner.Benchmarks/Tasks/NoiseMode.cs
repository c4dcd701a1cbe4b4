namespace ActorTuner.Benchmarks.Tasks;

/// <summary>What a sampler observes on a tabular task (<c>--noise</c>).</summary>
public enum NoiseMode
{
    /// <summary>The mean over the seed columns (the noise-free objective).</summary>
    Mean,

    /// <summary>One seed column drawn at random per trial (the realistic noisy objective).</summary>
    Seed,
}
