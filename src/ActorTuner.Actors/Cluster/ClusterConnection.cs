using System.Collections.Immutable;
using ActorTuner.Actors.Studies;
using ActorTuner.Core.Studies;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// A client of a running cluster (what <c>actortuner submit</c> and <c>status</c> use): a small ActorSystem
/// with remoting only, which reaches the nodes' <see cref="ClusterGateway"/>s through Akka's cluster client
/// and the receptionist, trying the next contact when one node is down. It never joins the cluster, so it
/// never counts in the split-brain resolver's majority.
/// </summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    private readonly ActorSystem _system;
    private readonly IActorRef _client;

    private ClusterConnection(ActorSystem system, IActorRef client)
    {
        _system = system;
        _client = client;
    }

    /// <summary>
    /// Connects to the cluster through <paramref name="contacts"/> (host:port of any nodes); the client's own
    /// remoting binds to <paramref name="host"/> (loopback by default) and presents <paramref name="tls"/>'s
    /// certificate when the cluster uses TLS.
    /// </summary>
    public static ClusterConnection Open(IEnumerable<string> contacts, string? host = null, TlsSettings? tls = null)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        var paths = contacts
            .Select(c => ActorPath.Parse(ClusterNodeSettings.AddressOf(c, "cluster", tls is not null) + "/system/receptionist"))
            .ToImmutableHashSet();
        if (paths.IsEmpty)
        {
            throw new ArgumentException("cluster: give at least one node as host:port (e.g. 127.0.0.1:4053)");
        }

        var system = ActorSystem.Create("actortuner-client", RemotingConfig.Bootstrap(ClusterConfig.ForClient(host, tls), tls));
        var client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(paths)), "client");
        return new ClusterConnection(system, client);
    }

    /// <summary>Creates the study or resumes it (a larger budget extends it); the study's reply.</summary>
    public Task<StudyReply> SubmitAsync(CreateStudy create, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(create);
        return AskAsync<StudyReply>(new ShardingEnvelope(create.Settings.Name, create), timeout);
    }

    /// <summary>The study's state (an empty state for a study nobody created).</summary>
    public Task<GetStudyResult> GetStudyAsync(string study, TimeSpan timeout) =>
        AskAsync<GetStudyResult>(new ShardingEnvelope(study, GetStudy.Instance), timeout);

    /// <summary>Members, worker slots and studies as the answering node sees them.</summary>
    public Task<GetClusterResult> GetClusterAsync(TimeSpan timeout) => AskAsync<GetClusterResult>(GetCluster.Instance, timeout);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);

    private async Task<T> AskAsync<T>(object message, TimeSpan timeout)
    {
        try
        {
            return await _client.Ask<T>(new ClusterClient.Send(ClusterGateway.Path, message, localAffinity: true), timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException e)
        {
            throw new TimeoutException($"no answer from the cluster within {timeout.TotalSeconds:0} s: is a node listening at the address given, and is the cluster up?", e);
        }
    }
}
