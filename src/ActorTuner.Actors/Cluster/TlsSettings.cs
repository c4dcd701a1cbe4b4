using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote.Transport.DotNetty;

namespace ActorTuner.Actors.Cluster;

/// <summary>
/// TLS for remoting with one cluster certificate: every node loads the same PKCS#12 file (certificate and private key)
/// and accepts a peer, in either direction, only if it presents exactly that certificate and proves in the handshake
/// that it holds the key. Mutual authentication is always on: without it a server never asks the connecting node for a
/// certificate at all.
/// </summary>
/// <remarks>
/// Trust comes from the pin, not from the machine's certificate store. Akka.Remote 1.5.73's own check
/// (<c>suppress-validation = off</c>) accepts any certificate that chains to a root the machine trusts, whoever it was
/// issued to, and refuses a self-signed one; <c>suppress-validation = on</c> accepts every certificate. Neither says
/// "a node without the right certificate cannot join", so <see cref="ToSslSetup"/> hands Akka a validator that does.
/// </remarks>
/// <param name="CertificatePath">The PKCS#12 (.pfx, .p12) file with the cluster certificate and its private key.</param>
/// <param name="Password">The file's password; null or empty for none.</param>
public sealed record TlsSettings(string CertificatePath, string? Password)
{
    /// <summary>Environment variable with the certificate path when <c>--tls-cert</c> is not given.</summary>
    public const string CertificateVariable = "ACTORTUNER_TLS_CERT";

    /// <summary>Environment variable with the certificate's password when <c>--tls-password-env</c> names no other.</summary>
    public const string PasswordVariable = "ACTORTUNER_TLS_PASSWORD";

    /// <summary>
    /// TLS settings from the node command's options and the environment: the certificate from
    /// <paramref name="certificateOption"/> (<c>--tls-cert PATH</c>), else <c>ACTORTUNER_TLS_CERT</c>; the password from the
    /// variable <paramref name="passwordVariableOption"/> names (<c>--tls-password-env VAR</c>), else
    /// <c>ACTORTUNER_TLS_PASSWORD</c>. A password never comes on the command line, where other users can read it.
    /// Null when no certificate is given (remoting without TLS).
    /// </summary>
    /// <exception cref="ConfigurationException">A password variable is named but unset, or named without a certificate.</exception>
    public static TlsSettings? Resolve(string? certificateOption, string? passwordVariableOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var path = !string.IsNullOrWhiteSpace(certificateOption) ? certificateOption : environment(CertificateVariable);
        var passwordVariable = string.IsNullOrWhiteSpace(passwordVariableOption) ? null : passwordVariableOption.Trim();
        if (string.IsNullOrWhiteSpace(path))
        {
            return passwordVariable is null
                ? null
                : throw new ConfigurationException(
                    $"--tls-password-env {passwordVariable} is given but no certificate: pass --tls-cert PATH or set {CertificateVariable}");
        }

        var password = passwordVariable is null ? environment(PasswordVariable) : environment(passwordVariable);
        if (passwordVariable is not null && password is null)
        {
            throw new ConfigurationException(
                $"--tls-password-env names {passwordVariable}, which is not set; export it with the password of {path}");
        }

        return new TlsSettings(path, password);
    }

    /// <summary>
    /// Loads the certificate and its private key, refusing anything remoting could not use, with an error naming the
    /// file, what is wrong and what to do. The caller owns (disposes) the certificate.
    /// </summary>
    /// <param name="time">The clock the certificate's validity is judged by; the system clock when null.</param>
    /// <exception cref="ConfigurationException">Missing or unreadable file, wrong password, not PKCS#12, no usable private key, or outside its validity.</exception>
    public X509Certificate2 LoadCertificate(TimeProvider? time = null)
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            throw new ConfigurationException(
                $"TLS: no certificate path; pass --tls-cert PATH or set {CertificateVariable} to a PKCS#12 (.pfx) file with the cluster certificate and its key");
        }

        var path = Path.GetFullPath(CertificatePath);
        if (!File.Exists(path))
        {
            throw new ConfigurationException(
                $"TLS certificate {path} does not exist; give the PKCS#12 (.pfx) file every node of the cluster shares " +
                "(docs/cluster.md, Security, shows how to make one)");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, Password);
        }
        catch (CryptographicException e)
        {
            var which = string.IsNullOrEmpty(Password) ? "without a password" : "with the password given";
            throw new ConfigurationException(
                $"TLS certificate {path} cannot be opened {which} ({e.Message}); check the password ({PasswordVariable}, or the " +
                "variable --tls-password-env names) and that the file is PKCS#12 (.pfx), not PEM: openssl pkcs12 -export " +
                "-inkey key.pem -in cert.pem -out cluster.pfx", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"TLS certificate {path} cannot be read ({e.Message}); check that this user may read it", e);
        }

        try
        {
            RequireUsable(certificate, path, (time ?? TimeProvider.System).GetUtcNow());
            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>Checks that the certificate loads (see <see cref="LoadCertificate"/>), so a node refuses to start with a bad one.</summary>
    /// <param name="time">The clock the certificate's validity is judged by; the system clock when null.</param>
    /// <exception cref="ConfigurationException">See <see cref="LoadCertificate"/>.</exception>
    public TlsSettings Validate(TimeProvider? time = null)
    {
        using var certificate = LoadCertificate(time);
        return this;
    }

    /// <summary>
    /// Akka.Remote's TLS setup: this certificate presented on every connection, mutual authentication required, and a
    /// validator that accepts a peer only if its certificate is byte for byte the cluster certificate. Akka uses it
    /// instead of the HOCON <c>ssl</c> section when <c>enable-ssl</c> is on (<see cref="RemotingConfig.For"/>); pass it
    /// with <see cref="RemotingConfig.Bootstrap"/>.
    /// </summary>
    /// <param name="time">The clock the certificate's validity is judged by; the system clock when null.</param>
    /// <exception cref="ConfigurationException">See <see cref="LoadCertificate"/>.</exception>
    public DotNettySslSetup ToSslSetup(TimeProvider? time = null)
    {
        var certificate = LoadCertificate(time);
        var pinned = certificate.RawData;
        var fingerprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        return new DotNettySslSetup(
            certificate,
            suppressValidation: false,
            requireMutualAuthentication: true,
            validateCertificateHostname: false,
            customValidator: (peer, _, remote, _, log) => IsClusterCertificate(peer, pinned, fingerprint, remote, log));
    }

    /// <summary>Redacts the password: settings end up in logs and exception messages.</summary>
    public override string ToString() =>
        $"TlsSettings {{ CertificatePath = {CertificatePath}, Password = {(string.IsNullOrEmpty(Password) ? "(none)" : "(set)")} }}";

    // The chain and policy errors are ignored on purpose: a self-signed cluster certificate never chains to a trusted
    // root, and a host name check means nothing when every node presents the same certificate. The handshake has
    // already proved that the peer holds the private key of the certificate it presented.
    private static bool IsClusterCertificate(X509Certificate2? peer, byte[] pinned, string fingerprint, string remote, ILoggingAdapter log)
    {
        if (peer is null)
        {
            log.Warning("TLS: refused {0}: it presented no certificate", remote);
            return false;
        }

        if (peer.RawData.AsSpan().SequenceEqual(pinned))
        {
            return true;
        }

        log.Warning(
            "TLS: refused {0}: its certificate {1} (SHA-256 {2}) is not the cluster certificate (SHA-256 {3})",
            remote, peer.Subject, peer.GetCertHashString(HashAlgorithmName.SHA256), fingerprint);
        return false;
    }

    private static void RequireUsable(X509Certificate2 certificate, string path, DateTimeOffset now)
    {
        if (!certificate.HasPrivateKey)
        {
            throw new ConfigurationException(
                $"TLS certificate {path} holds no private key; export the certificate together with its key: " +
                "openssl pkcs12 -export -inkey key.pem -in cert.pem -out cluster.pfx");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        using var ecdsa = certificate.GetECDsaPrivateKey();
        if (rsa is null && ecdsa is null)
        {
            throw new ConfigurationException($"TLS certificate {path} has a private key that is neither RSA nor ECDSA; TLS needs one of those");
        }

        // The pin ignores chain errors, expiry among them, so an expired certificate is caught here, when a node starts.
        var from = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var until = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (now < from || now > until)
        {
            throw new ConfigurationException(
                $"TLS certificate {path} is valid from {from:u} to {until:u}, not at {now.ToUniversalTime():u}; make a new one and give it to every node");
        }
    }
}
