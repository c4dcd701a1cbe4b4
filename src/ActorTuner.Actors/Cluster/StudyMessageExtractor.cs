using Akka.Cluster.Sharding;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// Routes <see cref="ShardingEnvelope"/>s to the study they name: the entity id is the study's name, the shard
/// a MurmurHash of it (stable across processes, unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public sealed class StudyMessageExtractor : HashCodeMessageExtractor
{
    /// <summary>Shards for studies: a few per coordinator is enough, and the number must never change on a journal.</summary>
    public const int Shards = 64;

    /// <summary>Creates the extractor with <see cref="Shards"/> shards.</summary>
    public StudyMessageExtractor()
        : base(Shards)
    {
    }

    /// <summary>
    /// Studies are only ever addressed in a <see cref="ShardingEnvelope"/>, which the base class unwraps itself
    /// (as it does <see cref="ShardRegion.StartEntity"/> for remembered entities); anything else is not routed.
    /// </summary>
    public override string EntityId(object message) => null!;
}
