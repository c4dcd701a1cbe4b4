using System.Collections.Immutable;

namespace ActorTuner.Actors.Cluster;

/// <summary>A worker node's slots, published every few seconds on <see cref="ClusterTopics.Workers"/>.</summary>
/// <param name="Node">The node's address.</param>
/// <param name="Slots">How many trials it runs at once.</param>
/// <param name="Tags">Its tags (e.g. <c>gpu</c>).</param>
/// <param name="Busy">The slots in use: which study each serves and the trial it runs, if any yet.</param>
public sealed record WorkerNodeStatus(string Node, int Slots, ImmutableArray<string> Tags, ImmutableArray<SlotUse> Busy);

/// <summary>Slot <paramref name="Slot"/> serves <paramref name="Study"/>, running <paramref name="Trial"/> (null while it asks).</summary>
public sealed record SlotUse(int Slot, string Study, int? Trial);
