using Akka.Configuration;

namespace ActorTuner.Actors;

/// <summary>Akka configuration ActorTuner needs in every ActorSystem that hosts or talks to studies.</summary>
public static class ActorTunerConfig
{
    /// <summary>
    /// Binds every study event, snapshot, command, reply and query to <see cref="Serialization.ActorTunerSerializer"/>,
    /// so nothing of ActorTuner's crosses the wire or reaches a journal through a type-naming serializer.
    /// </summary>
    public static Config Serialization { get; } = ConfigurationFactory.ParseString("""
        akka.actor {
          serializers.actortuner = "ActorTuner.Actors.Serialization.ActorTunerSerializer, ActorTuner.Actors"
          serialization-bindings {
            "ActorTuner.Core.Studies.StudyEvent, ActorTuner.Core" = actortuner
            "ActorTuner.Core.Studies.StudyState, ActorTuner.Core" = actortuner
            "ActorTuner.Core.Studies.StudyCommand, ActorTuner.Core" = actortuner
            "ActorTuner.Core.Studies.StudyReply, ActorTuner.Core" = actortuner
            "ActorTuner.Actors.Studies.GetStudy, ActorTuner.Actors" = actortuner
            "ActorTuner.Actors.Studies.GetStudyResult, ActorTuner.Actors" = actortuner
            "ActorTuner.Actors.Cluster.StudyAnnouncement, ActorTuner.Actors" = actortuner
            "ActorTuner.Actors.Cluster.WorkerNodeStatus, ActorTuner.Actors" = actortuner
            "ActorTuner.Actors.Cluster.GetCluster, ActorTuner.Actors" = actortuner
            "ActorTuner.Actors.Cluster.GetClusterResult, ActorTuner.Actors" = actortuner
          }
          serialization-identifiers {
            "ActorTuner.Actors.Serialization.ActorTunerSerializer, ActorTuner.Actors" = 4811
          }
        }
        """);

    /// <summary>
    /// The closed wire: no serializer creates a .NET type that a message from the network or a journal names.
    /// Akka's <c>json</c> name and identifier 1 (Newtonsoft.Json with type names, the default for every unbound type)
    /// go to <see cref="Serialization.RefusingSerializer"/>, which refuses to read or write anything; Akka.Remote's
    /// <c>proto</c> (2) to <see cref="Serialization.GuardedProtobufSerializer"/>, which checks that a manifest names a
    /// protobuf message before creating one; <c>daemon-create</c> (3), remote deployment, to
    /// <see cref="Serialization.RemoteDeploymentRefusingSerializer"/>; and <c>akka-misc</c> (16) and <c>akka-system-msg</c>
    /// (22), the two that carry exceptions, to <see cref="Serialization.GuardedMiscMessageSerializer"/> and
    /// <see cref="Serialization.GuardedSystemMessageSerializer"/>, which refuse an exception naming a type that is not
    /// an exception. Every other message keeps Akka's serializer (cluster, sharding, pub-sub, distributed data,
    /// remoting: protobuf under fixed manifests). Use it with <see cref="Serialization"/> on every node: a message nobody
    /// bound fails at its sender.
    /// </summary>
    public static Config ClosedWire { get; } = ConfigurationFactory.ParseString("""
        akka.actor {
          serializers {
            json = "ActorTuner.Actors.Serialization.RefusingSerializer, ActorTuner.Actors"
            proto = "ActorTuner.Actors.Serialization.GuardedProtobufSerializer, ActorTuner.Actors"
            daemon-create = "ActorTuner.Actors.Serialization.RemoteDeploymentRefusingSerializer, ActorTuner.Actors"
            akka-misc = "ActorTuner.Actors.Serialization.GuardedMiscMessageSerializer, ActorTuner.Actors"
            akka-system-msg = "ActorTuner.Actors.Serialization.GuardedSystemMessageSerializer, ActorTuner.Actors"
          }
          serialization-identifiers {
            "ActorTuner.Actors.Serialization.RefusingSerializer, ActorTuner.Actors" = 1
            "ActorTuner.Actors.Serialization.GuardedProtobufSerializer, ActorTuner.Actors" = 2
            "ActorTuner.Actors.Serialization.RemoteDeploymentRefusingSerializer, ActorTuner.Actors" = 3
            "ActorTuner.Actors.Serialization.GuardedMiscMessageSerializer, ActorTuner.Actors" = 16
            "ActorTuner.Actors.Serialization.GuardedSystemMessageSerializer, ActorTuner.Actors" = 22
          }
        }
        """);

    /// <summary>
    /// Journal and snapshot store in the SQLite file at <paramref name="path"/> (Akka.Persistence.Sql through
    /// Microsoft.Data.Sqlite), tables created on first use.
    /// </summary>
    public static Config SqliteJournal(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return SqlJournal($"Data Source={Path.GetFullPath(path)}", "SQLite.MS");
    }

    /// <summary>Journal and snapshot store in PostgreSQL (Akka.Persistence.Sql through Npgsql), tables created on first use.</summary>
    public static Config PostgresJournal(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return SqlJournal(connectionString, "PostgreSQL.15");
    }

    private static Config SqlJournal(string connectionString, string provider)
    {
        var connection = connectionString.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  connection-string = "{{connection}}"
                  provider-name = "{{provider}}"
                  auto-initialize = true
                }
              }
              query.journal.sql {
                connection-string = "{{connection}}"
                provider-name = "{{provider}}"
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  connection-string = "{{connection}}"
                  provider-name = "{{provider}}"
                  auto-initialize = true
                }
              }
            }
            """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);
    }
}
