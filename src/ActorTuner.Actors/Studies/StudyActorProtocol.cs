using System.Collections.Immutable;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Studies;
using Akka.Actor;

namespace ActorTuner.Actors.Studies;

/// <summary>Asks a study for its state; the reply is <see cref="GetStudyResult"/>.</summary>
public sealed record GetStudy
{
    private GetStudy()
    {
    }

    /// <summary>The single instance.</summary>
    public static GetStudy Instance { get; } = new();
}

/// <summary>The study's state when <see cref="GetStudy"/> was handled, and whether a suggestion is being computed.</summary>
public sealed record GetStudyResult(StudyState State, bool Suggesting);

// The messages below are the actor's own, never sent across the wire: exempt from serialize-messages.

/// <summary>The sampler's suggestions, computed off the mailbox and piped back.</summary>
internal sealed record SuggestionReady(ImmutableArray<Configuration> Configurations) : INoSerializationVerificationNeeded;

/// <summary>The sampler threw; the study logs it and tries again on the next request.</summary>
internal sealed record SuggestionFailed(Exception Cause) : INoSerializationVerificationNeeded;

/// <summary>Tells the study to answer the requests parked while it had no trial queued.</summary>
internal sealed record ServeWaiting : INoSerializationVerificationNeeded
{
    private ServeWaiting()
    {
    }

    public static ServeWaiting Instance { get; } = new();
}

/// <summary>Timer tick: requeue the attempts whose lease has ended.</summary>
internal sealed record CheckLeases : INoSerializationVerificationNeeded
{
    private CheckLeases()
    {
    }

    public static CheckLeases Instance { get; } = new();
}

/// <summary>Timer tick: tell the cluster about the study.</summary>
internal sealed record AnnounceTick : INoSerializationVerificationNeeded
{
    private AnnounceTick()
    {
    }

    public static AnnounceTick Instance { get; } = new();
}
