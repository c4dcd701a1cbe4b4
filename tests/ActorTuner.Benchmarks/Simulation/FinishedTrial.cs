using ActorTuner.Core.Spaces;

namespace ActorTuner.Benchmarks.Simulation;

/// <summary>
/// One trial of a simulated run, as it finished.
/// </summary>
/// <param name="Trial">Its index in start order (0-based): the number the sampler saw as the trial count.</param>
/// <param name="Configuration">What was evaluated.</param>
/// <param name="Observed">The value the sampler was shown.</param>
/// <param name="Start">Simulated time the trial started.</param>
/// <param name="Finish">Simulated time it finished; trials are listed in this order.</param>
/// <param name="PendingAtStart">How many other trials were running when it was suggested.</param>
public sealed record FinishedTrial(int Trial, Configuration Configuration, double Observed, double Start, double Finish, int PendingAtStart);
