using System.CommandLine;
using System.Globalization;

namespace ActorTuner.Cli.Commands;

/// <summary>Options of the cluster commands; each falls back to an <c>ACTORTUNER_*</c> environment variable (for containers).</summary>
public static class ClusterOptions
{
    /// <summary><c>--cluster HOST:PORT[,HOST:PORT...]</c>: nodes to reach the cluster through.</summary>
    public static Option<string?> Cluster() => new("--cluster")
    {
        Description = "A node of the cluster as HOST:PORT, or several separated by commas (default: $ACTORTUNER_CLUSTER)",
    };

    /// <summary><c>--tls-cert PATH</c>: the cluster certificate (PKCS#12) for mutual TLS.</summary>
    public static Option<string?> TlsCert() => new("--tls-cert")
    {
        Description = "The cluster certificate (a .pfx/.p12 file) for mutual TLS between nodes and clients (default: $ACTORTUNER_TLS_CERT; none: plain TCP)",
    };

    /// <summary><c>--tls-password-env VAR</c>: the environment variable holding the certificate's password.</summary>
    public static Option<string?> TlsPasswordEnv() => new("--tls-password-env")
    {
        Description = "The environment variable that holds the certificate's password (default: ACTORTUNER_TLS_PASSWORD); never the password itself",
    };

    /// <summary>The TLS settings the options and the environment give, checked (the file opens with the password), or null for plain TCP.</summary>
    public static Actors.Cluster.TlsSettings? Tls(string? certificate, string? passwordVariable)
    {
        try
        {
            return Actors.Cluster.TlsSettings.Resolve(certificate, passwordVariable, Environment.GetEnvironmentVariable)?.Validate();
        }
        catch (Akka.Configuration.ConfigurationException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>The value of <paramref name="option"/> if given, else of the environment variable <paramref name="variable"/>, else <paramref name="fallback"/>.</summary>
    public static string? Or(string? option, string variable, string? fallback = null) =>
        option ?? (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : fallback);

    /// <summary>Splits a comma-separated list, dropping blanks.</summary>
    public static string[] List(string? text) =>
        (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The contacts of <c>--cluster</c> (or <c>ACTORTUNER_CLUSTER</c>), each checked as host:port.</summary>
    public static string[] Contacts(string? option)
    {
        var contacts = List(Or(option, "ACTORTUNER_CLUSTER"));
        if (contacts.Length == 0)
        {
            throw new FormatException("--cluster: give a node of the cluster as HOST:PORT (e.g. --cluster 127.0.0.1:4053), or set ACTORTUNER_CLUSTER");
        }

        foreach (var contact in contacts)
        {
            _ = Actors.Cluster.ClusterNodeSettings.ParseEndpoint(contact, "--cluster");
        }

        return contacts;
    }

    /// <summary>Reads a whole number from an option or environment variable, naming <paramref name="what"/> when it is not one.</summary>
    public static int Int(string text, string what, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new FormatException($"{what}: expected a whole number from {min} to {max}, got '{text}'");
        }

        return value;
    }

    /// <summary>Reads a duration such as <c>20s</c>, <c>500ms</c> or <c>2m</c>, naming <paramref name="what"/> when it is not one.</summary>
    public static TimeSpan Duration(string text, string what)
    {
        var units = new (string Suffix, double Seconds)[] { ("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600) };
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
            {
                return TimeSpan.FromSeconds(amount * seconds);
            }
        }

        throw new FormatException($"{what}: expected a positive duration like 500ms, 20s or 2m, got '{text}'");
    }
}
