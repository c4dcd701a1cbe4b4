using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;

namespace ActorTuner.Actors.Cluster;

/// <summary>The Akka configuration of a cluster node and of a client that talks to one.</summary>
public static class ClusterConfig
{
    /// <summary>
    /// A node: cluster provider, remoting on <see cref="ClusterNodeSettings.Host"/>, the roles and seed nodes,
    /// keep-majority split-brain resolver, studies sharded on coordinators with remembered entities whose
    /// coordinator state and remembered set live in the journal (so a full restart brings every study back),
    /// the journal, and the closed wire.
    /// </summary>
    public static Config ForNode(ClusterNodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var roles = string.Join(", ", settings.Roles.Select(RemotingConfig.Quote));
        var seeds = string.Join(", ", settings.SeedNodes.Select(s => RemotingConfig.Quote(ClusterNodeSettings.AddressOf(s, "seed-nodes", settings.Tls is not null))));
        var cluster = ConfigurationFactory.ParseString($$"""
            akka {
              actor.provider = cluster
              cluster {
                roles = [{{roles}}]
                seed-nodes = [{{seeds}}]
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  stable-after = {{(long)settings.StableAfter.TotalMilliseconds}}ms
                }
                sharding {
                  role = {{ClusterNodeSettings.CoordinatorRole}}
                  remember-entities = on
                  state-store-mode = persistence
                  remember-entities-store = eventsourced

                  # A shard reads and writes its remembered studies through the journal; Akka's 2-5 s are less
                  # than a node's first query can take on a busy machine (12 s seen), after which the shard
                  # stopped, the first submit's messages were dropped, and the study was never created.
                  waiting-for-state-timeout = 30s
                  updating-state-timeout = 30s
                }
              }
            }
            """);
        return cluster
            .WithFallback(RemotingConfig.For(settings.Host, settings.Port, settings.PublicHost, settings.Tls))
            .WithFallback(settings.Storage.ToConfig())
            .WithFallback(ActorTunerConfig.ClosedWire)
            .WithFallback(ActorTunerConfig.Serialization)
            .WithFallback(WireBindings);
    }

    /// <summary>
    /// A client (<c>actortuner submit</c>, <c>status</c>): remoting only, on loopback unless <paramref name="host"/>
    /// is given, with the cluster's certificate when it uses TLS.
    /// </summary>
    public static Config ForClient(string? host, TlsSettings? tls)
    {
        // The command reports what went wrong itself; Akka's own logs would bury it.
        return ConfigurationFactory.ParseString("""
                akka.actor.provider = remote
                akka.loglevel = OFF
                akka.stdout-loglevel = OFF
                """)
            .WithFallback(RemotingConfig.For(host, 0, null, tls))
            .WithFallback(ActorTunerConfig.ClosedWire)
            .WithFallback(ActorTunerConfig.Serialization)
            .WithFallback(WireBindings);
    }

    // Sharding, pub-sub and the cluster client's defaults, with their serializer bindings. A client needs them
    // too: the cluster client wraps messages in pub-sub's Send, and studies are addressed in sharding's
    // envelope; without them the envelopes would fall to Akka's default, type-naming JSON serializer.
    private static Config WireBindings =>
        ClusterClientReceptionist.DefaultConfig()
            .WithFallback(DistributedPubSub.DefaultConfig())
            .WithFallback(ClusterSharding.DefaultConfig());
}
