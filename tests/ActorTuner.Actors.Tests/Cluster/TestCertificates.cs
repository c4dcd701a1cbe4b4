using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>Self-signed certificates made at test time and written as PKCS#12 files into a folder the test owns.</summary>
public sealed class TestCertificates : IDisposable
{
    /// <summary>The folder the files are written to; deleted on dispose.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("actortuner-tls-").FullName;

    /// <summary>
    /// Writes a self-signed ECDSA P-256 certificate for <paramref name="subject"/> with its private key to
    /// <c>NAME.pfx</c>, protected by <paramref name="password"/>, valid from a day ago for <paramref name="days"/> days.
    /// </summary>
    public string Create(string name, string subject, string? password, int days = 30)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());

        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(days));
        var path = Path.Combine(Folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <summary>Writes the public part of the certificate in <paramref name="pfx"/> as a PKCS#12 file without its key.</summary>
    public string WithoutKey(string pfx, string? password, string name)
    {
        using var full = X509CertificateLoader.LoadPkcs12FromFile(pfx, password);
        using var publicOnly = X509CertificateLoader.LoadCertificate(full.RawData);
        var path = Path.Combine(Folder, name + ".pfx");
        File.WriteAllBytes(path, publicOnly.Export(X509ContentType.Pfx, password));
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
