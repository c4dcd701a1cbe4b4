using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ActorTuner.Cli.Tests.Deploy;

/// <summary>
/// The two descriptions of the cluster's topology, read as the tools that use them would: docker-compose.yml
/// as YAML (anchors and merge keys resolved as Compose resolves them), and local-cluster.sh through its <c>plan</c>
/// command, which prints each node's environment from the same function that starts the nodes.
/// </summary>
public static class DeploymentFiles
{
    /// <summary>The script's path in the repository.</summary>
    public const string ScriptPath = "src/ActorTuner.Cli/deploy/local-cluster.sh";

    /// <summary>The Dockerfile's path in the repository.</summary>
    public const string DockerfilePath = "src/ActorTuner.Cli/deploy/Dockerfile";

    /// <summary>The repository the tests were built from.</summary>
    public static string RepositoryRoot() => TestRepository.Root();

    /// <summary>docker-compose.yml's <c>services</c>, merge keys resolved.</summary>
    public static YamlMappingNode ComposeServices()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryRoot(), "docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var root = (YamlMappingNode)Merged(stream.Documents.Single().RootNode);
        return (YamlMappingNode)root["services"];
    }

    /// <summary>
    /// Resolves YAML merge keys (<c>&lt;&lt;: *anchor</c>) as Compose does: the keys a mapping writes itself win over
    /// the merged ones. (YamlDotNet's MergingParser keeps both and then refuses the duplicate.)
    /// </summary>
    public static YamlNode Merged(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var result = new YamlMappingNode();
                foreach (var (key, value) in mapping.Children.Where(c => Scalar(c.Key) != "<<"))
                {
                    result.Add(key, Merged(value));
                }

                if (Child(mapping, "<<") is { } merge)
                {
                    var sources = merge is YamlSequenceNode list ? list.Children : [merge];
                    foreach (var source in sources.Select(Merged).Cast<YamlMappingNode>())
                    {
                        foreach (var (key, value) in source.Children.Where(c => !result.Children.ContainsKey(c.Key)))
                        {
                            result.Add(key, value);
                        }
                    }
                }

                return result;
            case YamlSequenceNode sequence:
                return new YamlSequenceNode(sequence.Children.Select(Merged));
            default:
                return node;
        }
    }

    /// <summary>The services that run <c>actortuner node</c> (those with ACTORTUNER_ROLES) and their environments.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ComposeNodes()
    {
        var nodes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (key, value) in ComposeServices().Children)
        {
            var service = (YamlMappingNode)value;
            if (Child(service, "environment") is YamlMappingNode environment)
            {
                var variables = environment.Children.ToDictionary(e => Scalar(e.Key), e => Scalar(e.Value), StringComparer.Ordinal);
                if (variables.ContainsKey("ACTORTUNER_ROLES"))
                {
                    nodes[Scalar(key)] = variables;
                }
            }
        }

        return nodes;
    }

    /// <summary>The nodes local-cluster.sh starts and the environment of each, from <c>local-cluster.sh plan ARGS</c>.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ScriptNodes(params string[] arguments)
    {
        var output = RunScript(["plan", .. arguments]);
        var nodes = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        Dictionary<string, string>? current = null;
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                nodes.Add(line[1..^1], current);
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is null || equals <= 0)
            {
                throw new FormatException($"local-cluster.sh plan printed a line that is neither [node] nor NAME=VALUE: '{line}'\n{output}");
            }

            current.Add(line[..equals], line[(equals + 1)..]);
        }

        return nodes;
    }

    /// <summary>Runs <c>bash local-cluster.sh ARGS</c> to its end and returns its stdout; fails with both streams on a non-zero exit.</summary>
    public static string RunScript(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var (exit, stdout, stderr) = RunScriptAsync(arguments, environment, timeout ?? TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        if (exit != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh {string.Join(' ', arguments)} exited with {exit}\n--- stdout ---\n{stdout}--- stderr ---\n{stderr}");
        }

        return stdout;
    }

    /// <summary>Runs <c>bash local-cluster.sh ARGS</c>; its exit code and output. Killed (and a failure) after <paramref name="timeout"/>.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunScriptAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot(),
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), ScriptPath));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start bash");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"local-cluster.sh {string.Join(' ', start.ArgumentList.Skip(1))} did not finish within {timeout.TotalSeconds} s\n--- stdout ---\n{await stdout}--- stderr ---\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The child <paramref name="key"/> of a mapping, or null.</summary>
    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    /// <summary>A scalar's text (numbers as written: Compose passes them on as strings).</summary>
    public static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    /// <summary>A sequence of scalars as strings.</summary>
    public static IReadOnlyList<string> Strings(YamlNode node) => [.. ((YamlSequenceNode)node).Children.Select(Scalar)];
}
