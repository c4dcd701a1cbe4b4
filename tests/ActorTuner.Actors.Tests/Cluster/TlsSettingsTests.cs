using ActorTuner.Actors.Cluster;
using ActorTuner.Actors.Tests.Studies;
using Akka.Configuration;

namespace ActorTuner.Actors.Tests.Cluster;

public sealed class TlsSettingsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public void A_certificate_with_its_key_and_password_loads()
    {
        var path = _certificates.Create("node", "CN=actortuner-cluster", "s3cret");
        using var certificate = new TlsSettings(path, "s3cret").LoadCertificate();
        certificate.HasPrivateKey.ShouldBeTrue();
        certificate.Subject.ShouldBe("CN=actortuner-cluster");
        new TlsSettings(path, "s3cret").Validate().CertificatePath.ShouldBe(path);
    }

    [Fact]
    public void A_certificate_without_a_password_loads_with_null_or_empty()
    {
        var path = _certificates.Create("open", "CN=open", null);
        new TlsSettings(path, null).Validate();
        new TlsSettings(path, "").Validate();
    }

    [Fact]
    public void A_missing_file_is_named_with_what_to_do()
    {
        var path = Path.Combine(_certificates.Folder, "absent.pfx");
        var error = Should.Throw<ConfigurationException>(() => new TlsSettings(path, null).Validate());
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("does not exist");
        error.Message.ShouldContain("PKCS#12");
    }

    [Fact]
    public void A_wrong_password_is_named_with_the_file_and_the_variables()
    {
        var path = _certificates.Create("node", "CN=n", "right");
        var error = Should.Throw<ConfigurationException>(() => new TlsSettings(path, "wrong").LoadCertificate());
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("cannot be opened with the password given");
        error.Message.ShouldContain(TlsSettings.PasswordVariable);

        Should.Throw<ConfigurationException>(() => new TlsSettings(path, null).LoadCertificate())
            .Message.ShouldContain("cannot be opened without a password");
    }

    [Fact]
    public void A_pem_file_is_refused_as_not_pkcs12()
    {
        var path = Path.Combine(_certificates.Folder, "cert.pem");
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        var error = Should.Throw<ConfigurationException>(() => new TlsSettings(path, null).Validate());
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("not PEM");
    }

    [Fact]
    public void A_certificate_without_its_private_key_is_refused()
    {
        var full = _certificates.Create("node", "CN=n", "pw");
        var path = _certificates.WithoutKey(full, "pw", "public-only");
        var error = Should.Throw<ConfigurationException>(() => new TlsSettings(path, "pw").Validate());
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("holds no private key");
    }

    [Fact]
    public void A_certificate_outside_its_validity_is_refused_at_start()
    {
        var path = _certificates.Create("node", "CN=n", null, days: 30);
        new TlsSettings(path, null).Validate(new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(29)));
        var error = Should.Throw<ConfigurationException>(() => new TlsSettings(path, null).Validate(new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(31))));
        error.Message.ShouldContain(path);
        error.Message.ShouldContain("make a new one");
        Should.Throw<ConfigurationException>(() => new TlsSettings(path, null).ToSslSetup(new ManualTimeProvider(DateTimeOffset.UtcNow.AddDays(-2))));
    }

    [Fact]
    public void The_ssl_setup_presents_the_certificate_requires_mutual_authentication_and_pins_it()
    {
        var path = _certificates.Create("node", "CN=cluster", "pw");
        var setup = new TlsSettings(path, "pw").ToSslSetup();
        setup.Certificate.HasPrivateKey.ShouldBeTrue();
        setup.RequireMutualAuthentication.ShouldBeTrue();
        setup.SuppressValidation.ShouldBeFalse();
        setup.CustomValidator.ShouldNotBeNull();

        var log = Akka.Event.NoLogger.Instance;
        using var same = new TlsSettings(path, "pw").LoadCertificate();
        using var other = new TlsSettings(_certificates.Create("other", "CN=cluster", "pw"), "pw").LoadCertificate();
        // Policy errors do not matter to the pin: a self-signed certificate always has chain errors.
        setup.CustomValidator!(same, null, "peer", System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors, log).ShouldBeTrue();
        setup.CustomValidator(other, null, "peer", System.Net.Security.SslPolicyErrors.None, log).ShouldBeFalse();
        setup.CustomValidator(null, null, "peer", System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable, log).ShouldBeFalse();
    }

    [Fact]
    public void Options_come_before_the_environment_and_the_password_never_from_the_command_line()
    {
        var environment = new Dictionary<string, string?>
        {
            [TlsSettings.CertificateVariable] = "/etc/actortuner/env.pfx",
            [TlsSettings.PasswordVariable] = "from-default-variable",
            ["MY_PW"] = "from-my-variable",
        };
        string? Get(string name) => environment.GetValueOrDefault(name);

        TlsSettings.Resolve(null, null, Get).ShouldBe(new TlsSettings("/etc/actortuner/env.pfx", "from-default-variable"));
        TlsSettings.Resolve("/opt/cluster.pfx", "MY_PW", Get).ShouldBe(new TlsSettings("/opt/cluster.pfx", "from-my-variable"));
        TlsSettings.Resolve(null, null, _ => null).ShouldBeNull();
        Should.Throw<ConfigurationException>(() => TlsSettings.Resolve("/opt/cluster.pfx", "UNSET_PW", Get)).Message.ShouldContain("UNSET_PW");
        Should.Throw<ConfigurationException>(() => TlsSettings.Resolve(null, "MY_PW", _ => null)).Message.ShouldContain("--tls-cert");
    }

    [Fact]
    public void The_password_is_not_in_its_text()
    {
        var text = new TlsSettings("/opt/cluster.pfx", "hunter2").ToString();
        text.ShouldNotContain("hunter2");
        text.ShouldContain("/opt/cluster.pfx");
    }
}
