using ActorTuner.Core.Studies;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>One event of a study's journal: its sequence number, when it was written (UTC) and the event.</summary>
public sealed record JournalledEvent(long SequenceNr, DateTime Written, StudyEvent Event);
