using ActorTuner.Actors.Cluster;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// What Akka.Remote 1.5.73's TLS really lets into a cluster on loopback. With <see cref="TlsSettings"/> (mutual TLS,
/// the cluster certificate pinned) nodes holding the cluster certificate form a cluster and a node with another
/// certificate, or without TLS, cannot join. The two controls show why the pin is needed: Akka's own settings either
/// admit any certificate (<c>suppress-validation = on</c>) or refuse the self-signed cluster certificate itself.
/// </summary>
public sealed class TlsClusterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan FormWithin = TimeSpan.FromSeconds(30);

    // Long enough for an intruder to retry its join many times (retry-unsuccessful-join-after = 1s).
    private static readonly TimeSpan IntruderWait = TimeSpan.FromSeconds(10);

    private readonly TestCertificates _certificates = new();
    private readonly ClusterNodes _nodes = new(output);

    public void Dispose()
    {
        _nodes.Dispose();
        _certificates.Dispose();
    }

    [Fact]
    public async Task Nodes_with_the_cluster_certificate_form_a_cluster_that_nodes_with_another_certificate_or_no_tls_cannot_join()
    {
        var cluster = new TlsSettings(_certificates.Create("cluster", "CN=actortuner-cluster", "cluster-pw"), "cluster-pw");
        var intruder = new TlsSettings(_certificates.Create("intruder", "CN=actortuner-cluster", "intruder-pw"), "intruder-pw");

        var seed = _nodes.Start("tuner", cluster);
        var second = _nodes.Start("tuner", cluster);
        var seedAddress = Akka.Cluster.Cluster.Get(seed).SelfAddress;
        seedAddress.Protocol.ShouldBe("akka.ssl.tcp");
        Akka.Cluster.Cluster.Get(seed).Join(seedAddress);
        Akka.Cluster.Cluster.Get(second).Join(seedAddress);
        (await ClusterNodes.Eventually(() => ClusterNodes.UpCount(seed) == 2 && ClusterNodes.UpCount(second) == 2, FormWithin)).ShouldBeTrue();

        // Same subject, different key: only the certificate itself counts.
        var wrongCertificate = _nodes.Start("tuner", intruder);
        // No TLS at all, speaking plain TCP to the seed's TLS port.
        var plain = _nodes.Start("tuner", null);
        var intrudersUp = 0;
        foreach (var node in new[] { wrongCertificate, plain })
        {
            Akka.Cluster.Cluster.Get(node).RegisterOnMemberUp(() => Interlocked.Increment(ref intrudersUp));
        }

        Akka.Cluster.Cluster.Get(wrongCertificate).Join(seedAddress);
        Akka.Cluster.Cluster.Get(plain).Join(new Address("akka.tcp", seedAddress.System, seedAddress.Host, seedAddress.Port));

        var grew = await ClusterNodes.Eventually(() => Akka.Cluster.Cluster.Get(seed).State.Members.Count != 2, IntruderWait);
        grew.ShouldBeFalse();
        Akka.Cluster.Cluster.Get(seed).State.Members.Select(m => m.Address).ShouldBe(
            [Akka.Cluster.Cluster.Get(seed).SelfAddress, Akka.Cluster.Cluster.Get(second).SelfAddress], ignoreOrder: true);
        Volatile.Read(ref intrudersUp).ShouldBe(0);

        // The certificate node was turned away by the pin, not by chance.
        _nodes.Log.ShouldContain(line => line.Contains("is not the cluster certificate"));
    }

    [Fact]
    public async Task Control_akkas_suppress_validation_admits_a_node_with_any_certificate()
    {
        var seed = _nodes.Start("open", null, HoconTls(_certificates.Create("cluster", "CN=cluster", "pw"), "pw", suppressValidation: true));
        var intruder = _nodes.Start("open", null, HoconTls(_certificates.Create("other", "CN=other", "pw2"), "pw2", suppressValidation: true));
        var seedAddress = Akka.Cluster.Cluster.Get(seed).SelfAddress;
        Akka.Cluster.Cluster.Get(seed).Join(seedAddress);
        Akka.Cluster.Cluster.Get(intruder).Join(seedAddress);

        (await ClusterNodes.Eventually(() => ClusterNodes.UpCount(seed) == 2, FormWithin)).ShouldBeTrue();
    }

    [Fact]
    public async Task Control_akkas_chain_validation_refuses_the_self_signed_cluster_certificate_itself()
    {
        var path = _certificates.Create("cluster", "CN=cluster", "pw");
        var seed = _nodes.Start("chain", null, HoconTls(path, "pw", suppressValidation: false));
        var second = _nodes.Start("chain", null, HoconTls(path, "pw", suppressValidation: false));
        var seedAddress = Akka.Cluster.Cluster.Get(seed).SelfAddress;
        Akka.Cluster.Cluster.Get(seed).Join(seedAddress);
        Akka.Cluster.Cluster.Get(second).Join(seedAddress);
        (await ClusterNodes.Eventually(() => ClusterNodes.UpCount(seed) == 1, FormWithin)).ShouldBeTrue();

        (await ClusterNodes.Eventually(() => ClusterNodes.UpCount(seed) == 2, IntruderWait)).ShouldBeFalse();
        _nodes.Log.ShouldContain(line => line.Contains("Certificate chain validation failed"));
    }

    // Akka's own TLS settings in HOCON only, without TlsSettings' pinning validator.
    private static Config HoconTls(string path, string password, bool suppressValidation) => ConfigurationFactory.ParseString($$"""
        akka.remote.dot-netty.tcp {
          enable-ssl = on
          ssl {
            suppress-validation = {{(suppressValidation ? "on" : "off")}}
            require-mutual-authentication = on
            certificate { path = {{RemotingConfig.Quote(path)}}, password = {{RemotingConfig.Quote(password)}} }
          }
        }
        """);
}
