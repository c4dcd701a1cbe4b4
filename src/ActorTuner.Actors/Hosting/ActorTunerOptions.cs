using ActorTuner.Actors.Tuning;

namespace ActorTuner.Actors.Hosting;

/// <summary>What <c>WithActorTuner</c> sets up: where studies are journalled and which studies are opened at start.</summary>
public sealed class ActorTunerOptions
{
    /// <summary>
    /// Where studies are journalled: <c>sqlite:PATH</c>, <c>postgres:CONNECTION_STRING</c> or <c>memory</c> (see
    /// <see cref="Storage.StorageLocation.Parse"/>). Default <c>sqlite:actortuner.db</c> in the working directory.
    /// </summary>
    public string Storage { get; set; } = Actors.Storage.StorageLocation.Default.ToString();

    /// <summary>Studies the registry opens when it starts, as if sent <see cref="OpenStudy"/>; a rejected one is logged as an error.</summary>
    public IList<StudySpec> Studies { get; } = new List<StudySpec>();

    /// <summary>How long a study whose journal failed waits before it restarts and recovers (doubling up to <see cref="MaxBackoff"/>).</summary>
    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between restarts of a study whose journal keeps failing.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
