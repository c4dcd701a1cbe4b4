using ActorTuner.Core.Studies;

namespace ActorTuner.Actors.Tuning;

/// <summary>A study's state during a run, with the time since the run started and a remaining-time estimate.</summary>
/// <param name="State">The study as the journal has it.</param>
/// <param name="Elapsed">Time since this run started.</param>
/// <param name="FinishedAtStart">Trials already finished when this run started (a resumed study).</param>
public sealed record StudyProgress(StudyState State, TimeSpan Elapsed, int FinishedAtStart)
{
    /// <summary>Trials completed with a value.</summary>
    public int Completed => State.Completed;

    /// <summary>Trials failed (after their retries).</summary>
    public int Failed => State.Failed;

    /// <summary>Trials running now.</summary>
    public int Running => State.Running;

    /// <summary>The budget of finished trials.</summary>
    public int Budget => State.Budget;

    /// <summary>
    /// The remaining time at this run's pace so far (trials finished in this run per elapsed second); null
    /// until one trial has finished in this run.
    /// </summary>
    public TimeSpan? EstimatedRemaining
    {
        get
        {
            var done = State.Finished - FinishedAtStart;
            if (done <= 0)
            {
                return null;
            }

            var left = Math.Max(0, State.Budget - State.Finished);
            return TimeSpan.FromTicks((long)(Elapsed.Ticks / (double)done * left));
        }
    }
}
