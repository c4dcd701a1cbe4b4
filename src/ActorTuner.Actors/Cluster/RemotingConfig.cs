using System.Globalization;
using System.Text;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// Akka.Remote's DotNetty TCP transport for a node: where it binds, the address it advertises, and TLS. The actor
/// provider (<c>cluster</c>) is the caller's to set.
/// </summary>
public static class RemotingConfig
{
    /// <summary>The address remoting binds when no host is given: this machine only.</summary>
    public const string LoopbackHost = "127.0.0.1";

    /// <summary>
    /// The <c>akka.remote.dot-netty.tcp</c> configuration. <paramref name="host"/> is the address to bind: loopback when
    /// null or empty (Akka itself would bind every interface), <c>0.0.0.0</c> for all IPv4 interfaces. <paramref name="port"/>
    /// 0 takes any free port. <paramref name="publicHost"/> is the name other nodes reach this one by, when it differs
    /// from the bound address (binding 0.0.0.0, or behind NAT or in a container). With <paramref name="tls"/>, TLS is on
    /// with mutual authentication; the certificate and the check of the peer's come from <see cref="TlsSettings.ToSslSetup"/>
    /// (pass both through <see cref="Bootstrap"/>), never from this configuration, so the password is not in it. A system
    /// started from this configuration without that setup fails at once: Akka finds no certificate path.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="port"/> is not 0-65535.</exception>
    public static Config For(string? host, int port, string? publicHost, TlsSettings? tls)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var hocon = new StringBuilder()
            .AppendLine("akka.remote.dot-netty.tcp {")
            .AppendLine(CultureInfo.InvariantCulture, $"  hostname = {Quote(string.IsNullOrWhiteSpace(host) ? LoopbackHost : host.Trim())}")
            .AppendLine(CultureInfo.InvariantCulture, $"  port = {port}")

            // A study's whole state answers GetStudy (status NAME, export through a node): 1000 trials are about
            // 200 kB, over Akka's 128 kB default frame, which it drops. 32 MiB holds studies of 100 000 trials.
            .AppendLine("  maximum-frame-size = 32 MiB")
            .AppendLine("  send-buffer-size = 32 MiB")
            .AppendLine("  receive-buffer-size = 32 MiB");
        if (!string.IsNullOrWhiteSpace(publicHost))
        {
            hocon.AppendLine(CultureInfo.InvariantCulture, $"  public-hostname = {Quote(publicHost.Trim())}");
        }

        hocon.AppendLine(CultureInfo.InvariantCulture, $"  enable-ssl = {(tls is null ? "off" : "on")}");
        if (tls is not null)
        {
            // Written out although they are Akka's defaults, so that the configuration says what is enforced; the
            // validator of TlsSettings.ToSslSetup replaces the chain check that suppress-validation governs.
            hocon.AppendLine("""
                  ssl {
                    suppress-validation = off
                    require-mutual-authentication = on
                    validate-certificate-hostname = off
                  }
                """);
        }

        return ConfigurationFactory.ParseString(hocon.AppendLine("}").ToString());
    }

    /// <summary>
    /// What to start a node's <see cref="ActorSystem"/> with: <paramref name="config"/> (which should include
    /// <see cref="For"/>), plus Akka.Remote's TLS setup from <paramref name="tls"/> when given.
    /// </summary>
    /// <param name="config">The node's whole configuration.</param>
    /// <param name="tls">The cluster certificate, or null for remoting without TLS.</param>
    /// <param name="time">The clock the certificate's validity is judged by; the system clock when null.</param>
    /// <exception cref="ConfigurationException">The certificate cannot be used (see <see cref="TlsSettings.LoadCertificate"/>).</exception>
    public static ActorSystemSetup Bootstrap(Config config, TlsSettings? tls, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        return tls is null ? ActorSystemSetup.Create(bootstrap) : bootstrap.And(tls.ToSslSetup(time));
    }

    /// <summary><paramref name="text"/> as a quoted HOCON string.</summary>
    internal static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }
}
