using ActorTuner.Actors.Cluster;
using Akka.Actor;
using Akka.Configuration;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary><see cref="RemotingConfig"/>: where remoting binds and what it advertises.</summary>
public sealed class WireBindingTests
{
    private const string Tcp = "akka.remote.dot-netty.tcp";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_host_remoting_binds_loopback(string? host)
    {
        var config = RemotingConfig.For(host, 0, null, null);
        config.GetString($"{Tcp}.hostname").ShouldBe("127.0.0.1");
        config.GetInt($"{Tcp}.port").ShouldBe(0);
        config.GetBoolean($"{Tcp}.enable-ssl").ShouldBeFalse();
        config.HasPath($"{Tcp}.public-hostname").ShouldBeFalse();
        config.HasPath("akka.actor.provider").ShouldBeFalse();
    }

    [Fact]
    public void A_given_host_port_and_public_host_are_used()
    {
        var config = RemotingConfig.For("0.0.0.0", 4053, "node-1.example.org", null);
        config.GetString($"{Tcp}.hostname").ShouldBe("0.0.0.0");
        config.GetInt($"{Tcp}.port").ShouldBe(4053);
        config.GetString($"{Tcp}.public-hostname").ShouldBe("node-1.example.org");
    }

    [Theory]
    [InlineData("we\"ird\\host")]
    [InlineData("line\nbreak")]
    [InlineData("a = b } akka.actor.provider = local {")]
    public void Strings_are_quoted_so_they_cannot_change_the_configuration(string host)
    {
        var config = RemotingConfig.For(host, 1, host, null);
        config.GetString($"{Tcp}.hostname").ShouldBe(host);
        config.GetString($"{Tcp}.public-hostname").ShouldBe(host);
        config.HasPath("akka.actor.provider").ShouldBeFalse();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void A_port_outside_0_to_65535_is_refused(int port) =>
        Should.Throw<ArgumentOutOfRangeException>(() => RemotingConfig.For(null, port, null, null));

    [Fact]
    public void With_tls_ssl_is_on_with_mutual_authentication_and_no_certificate_or_password_in_the_configuration()
    {
        var config = RemotingConfig.For(null, 0, null, new TlsSettings("/opt/cluster.pfx", "hunter2"));
        config.GetBoolean($"{Tcp}.enable-ssl").ShouldBeTrue();
        config.GetBoolean($"{Tcp}.ssl.require-mutual-authentication").ShouldBeTrue();
        config.GetBoolean($"{Tcp}.ssl.suppress-validation").ShouldBeFalse();
        config.HasPath($"{Tcp}.ssl.certificate.path").ShouldBeFalse();
        config.ToString().ShouldNotContain("hunter2");
    }

    [Fact]
    public void A_system_started_from_the_loopback_config_is_reachable_only_on_loopback()
    {
        var config = ConfigurationFactory.ParseString("akka.actor.provider = remote, akka.loglevel = WARNING")
            .WithFallback(RemotingConfig.For(null, 0, null, null));
        using var system = ActorSystem.Create("loopback", RemotingConfig.Bootstrap(config, null));
        ((ExtendedActorSystem)system).Provider.DefaultAddress.Host.ShouldBe("127.0.0.1");
    }

    [Fact]
    public void A_tls_config_without_the_tls_setup_fails_at_start_instead_of_running_unchecked()
    {
        var config = ConfigurationFactory.ParseString("akka.actor.provider = remote, akka.loglevel = OFF, akka.stdout-loglevel = OFF")
            .WithFallback(RemotingConfig.For(null, 0, null, new TlsSettings("/nowhere.pfx", null)));
        Should.Throw<Exception>(() => ActorSystem.Create("no-setup", config).Dispose());
    }
}
