using System.Collections.Concurrent;
using ActorTuner.Actors.Cluster;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using Xunit.Abstractions;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// Nodes on loopback for the wire tests, with the closed wire unless told otherwise, and their warnings and errors collected.
/// Disposing terminates them all and writes what they logged to the test's output: refusals and handshake failures
/// are the evidence when a test fails.
/// </summary>
public sealed class ClusterNodes(ITestOutputHelper? output = null) : IDisposable
{
    private readonly List<ActorSystem> _systems = [];

    /// <summary>Every warning and error logged by any node, as text.</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>
    /// A node of the cluster system <paramref name="name"/>: remoting from <see cref="RemotingConfig.For"/> on
    /// 127.0.0.1, any port, with <paramref name="tls"/>; the closed wire unless <paramref name="closedWire"/> is false
    /// (controls, and a hostile peer); <paramref name="overrides"/> take precedence over everything.
    /// </summary>
    public ActorSystem Start(string name, TlsSettings? tls, Config? overrides = null, bool closedWire = true)
    {
        var config = (overrides ?? Config.Empty)
            .WithFallback(ConfigurationFactory.ParseString("""
                akka.actor.provider = cluster
                akka.loglevel = WARNING
                akka.cluster.retry-unsuccessful-join-after = 1s
                akka.cluster.seed-node-timeout = 2s
                akka.remote.dot-netty.tcp.connection-timeout = 5s
                akka.coordinated-shutdown.terminate-actor-system = on
                akka.coordinated-shutdown.run-by-actor-system-terminate = off
                """))
            .WithFallback(RemotingConfig.For("127.0.0.1", 0, null, tls))
            .WithFallback(closedWire ? ActorTunerConfig.ClosedWire : Config.Empty)
            .WithFallback(ActorTunerConfig.Serialization);
        var system = ActorSystem.Create(name, RemotingConfig.Bootstrap(config, tls));
        _systems.Add(system);
        var collector = system.ActorOf(Props.Create(() => new LogCollector(Log)), "log-collector");
        system.EventStream.Subscribe(collector, typeof(Warning));
        system.EventStream.Subscribe(collector, typeof(Error));
        return system;
    }

    /// <summary>The members of <paramref name="node"/>'s view that are Up.</summary>
    public static int UpCount(ActorSystem node) => Akka.Cluster.Cluster.Get(node).State.Members.Count(m => m.Status == MemberStatus.Up);

    /// <summary>Waits up to <paramref name="timeout"/> for <paramref name="condition"/>; false if it never held.</summary>
    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return condition();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var line in Log)
        {
            output?.WriteLine(line);
        }

        Task.WaitAll([.. _systems.Select(s => s.Terminate())], TimeSpan.FromSeconds(30));
        foreach (var system in _systems)
        {
            system.Dispose();
        }
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<string> log) => Receive<LogEvent>(e => log.Enqueue($"{e.LogSource}: {e.Message} {e.Cause}"));
    }
}
