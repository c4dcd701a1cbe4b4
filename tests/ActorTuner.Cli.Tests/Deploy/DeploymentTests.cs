using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.RepresentationModel;
using static ActorTuner.Cli.Tests.Deploy.DeploymentFiles;

namespace ActorTuner.Cli.Tests.Deploy;

/// <summary>
/// docker-compose.yml and local-cluster.sh describe one topology twice: the same nodes with the same roles,
/// ports, slots, seed nodes and ACTORTUNER_* variables; the containers listen on every interface and advertise
/// their service names where the processes use loopback. The compose file's health checks, dependencies and
/// mounts, and the Dockerfile's build steps, are checked as far as is possible without Docker.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string[] Coordinators = ["coordinator-1", "coordinator-2"];

    [Fact]
    public void Compose_and_the_script_start_the_same_nodes_with_the_same_variables()
    {
        var compose = ComposeNodes();
        var script = ScriptNodes();

        script.Keys.Order().ToArray().ShouldBe(compose.Keys.Order().ToArray(), ignoreOrder: false, customMessage: "node names: docker-compose.yml services against local-cluster.sh plan");
        compose.Count.ShouldBe(5);
        foreach (var (name, variables) in compose)
        {
            script[name].Keys.Order().ToArray().ShouldBe(variables.Keys.Order().ToArray(), ignoreOrder: false, customMessage: $"{name}: the ACTORTUNER_* variables set in docker-compose.yml and by local-cluster.sh");
        }
    }

    [Fact]
    public void Roles_ports_slots_and_stable_after_agree()
    {
        var compose = ComposeNodes();
        var script = ScriptNodes();
        foreach (var (name, variables) in compose)
        {
            foreach (var variable in new[] { "ACTORTUNER_ROLES", "ACTORTUNER_PORT", "ACTORTUNER_SLOTS", "ACTORTUNER_STABLE_AFTER", "ACTORTUNER_TAGS", "ACTORTUNER_DEVICES" })
            {
                script[name].GetValueOrDefault(variable).ShouldBe(variables.GetValueOrDefault(variable), $"{name}: {variable}");
            }
        }

        compose.Where(n => n.Value["ACTORTUNER_ROLES"] == "coordinator").Select(n => n.Key).Order().ShouldBe(Coordinators);
        compose.Where(n => n.Value["ACTORTUNER_ROLES"] == "worker").Select(n => n.Value["ACTORTUNER_SLOTS"]).ShouldBe(["2", "2", "2"]);
        compose.Select(n => n.Value["ACTORTUNER_PORT"]).Order().ShouldBe(["4053", "4054", "4055", "4056", "4057"]);
    }

    [Fact]
    public void Seed_nodes_and_cluster_contacts_name_the_coordinators_in_the_same_order()
    {
        var compose = ComposeNodes();
        var script = ScriptNodes();
        foreach (var variable in new[] { "ACTORTUNER_SEED_NODES", "ACTORTUNER_CLUSTER" })
        {
            foreach (var name in compose.Keys)
            {
                // Compose names a node by service:port, the script by 127.0.0.1:port; both must mean the same nodes.
                NodesNamedBy(compose[name][variable], compose, byServiceName: true).ShouldBe(Coordinators, ignoreOrder: false, customMessage: $"{name}: {variable} in docker-compose.yml");
                NodesNamedBy(script[name][variable], script, byServiceName: false).ShouldBe(Coordinators, ignoreOrder: false, customMessage: $"{name}: {variable} in local-cluster.sh");
            }
        }
    }

    [Fact]
    public void Containers_listen_on_every_interface_and_advertise_their_service_name_processes_stay_on_loopback()
    {
        foreach (var (name, variables) in ComposeNodes())
        {
            variables["ACTORTUNER_HOST"].ShouldBe("0.0.0.0", name);
            variables["ACTORTUNER_PUBLIC_HOST"].ShouldBe(name, $"{name}: other nodes and clients reach it by its service name");
            variables["ACTORTUNER_STORAGE"].ShouldStartWith("postgres:Host=postgres;", customMessage: $"{name}: the journal is the postgres service");
        }

        foreach (var (name, variables) in ScriptNodes())
        {
            variables["ACTORTUNER_HOST"].ShouldBe("127.0.0.1", name);
            variables["ACTORTUNER_PUBLIC_HOST"].ShouldBe("127.0.0.1", name);
            variables["ACTORTUNER_STORAGE"].ShouldStartWith("postgres:Host=127.0.0.1;Port=15432;", customMessage: name);
        }
    }

    [Fact]
    public void The_script_moves_every_port_with_the_base_port()
    {
        var moved = ScriptNodes("--base-port", "5000", "--pg-port", "6000");
        moved.Select(n => n.Value["ACTORTUNER_PORT"]).Order().ShouldBe(["5000", "5001", "5002", "5003", "5004"]);
        moved["worker-3"]["ACTORTUNER_SEED_NODES"].ShouldBe("127.0.0.1:5000,127.0.0.1:5001");
        moved["worker-3"]["ACTORTUNER_STORAGE"].ShouldContain("Port=6000;");
    }

    [Fact]
    public void Every_variable_is_one_the_product_reads()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToList();
        var names = ComposeNodes().Values.Concat(ScriptNodes().Values).SelectMany(v => v.Keys).Distinct().ToList();
        foreach (var name in names)
        {
            name.ShouldStartWith("ACTORTUNER_");
            sources.Any(s => s.Contains($"\"{name}\"", StringComparison.Ordinal)).ShouldBeTrue($"{name} is set for the nodes but nothing in src reads it");
        }
    }

    [Fact]
    public void Every_node_has_a_health_check_through_its_advertised_address_a_restart_policy_and_the_studies_mount()
    {
        var services = ComposeServices();
        foreach (var (name, variables) in ComposeNodes())
        {
            var service = (YamlMappingNode)services[name];
            var healthcheck = (YamlMappingNode)services[name]["healthcheck"];

            // Akka drops messages addressed to any other name of the node (127.0.0.1 included): the check must
            // use the advertised service name.
            Strings(healthcheck["test"]).ShouldBe(["CMD", "actortuner", "status", "--cluster", $"{name}:{variables["ACTORTUNER_PORT"]}"], ignoreOrder: false, customMessage: name);
            Scalar(healthcheck["timeout"]).ShouldBe("30s", $"{name}: longer than status's own 20 s wait for an answer");
            Scalar(service["restart"]).ShouldBe("unless-stopped", name);
            Child(service, "command").ShouldBeNull($"{name}: configured by its environment only; the image's command is node");
            Strings(service["volumes"]).ShouldContain(v => v.EndsWith(":/studies", StringComparison.Ordinal), $"{name}: study files at the same path on every node");
            Scalar(((YamlMappingNode)service["build"])["dockerfile"]).ShouldBe(DockerfilePath, name);
        }
    }

    [Fact]
    public void Coordinators_wait_for_a_healthy_database_and_workers_for_healthy_coordinators()
    {
        var services = ComposeServices();
        foreach (var (name, variables) in ComposeNodes())
        {
            var dependsOn = (YamlMappingNode)services[name]["depends_on"];
            var expected = variables["ACTORTUNER_ROLES"] == "worker" ? Coordinators : ["postgres"];
            dependsOn.Children.Keys.Select(Scalar).Order().ToArray().ShouldBe(expected, ignoreOrder: false, customMessage: name);
            foreach (var (_, condition) in dependsOn.Children)
            {
                Scalar(((YamlMappingNode)condition)["condition"]).ShouldBe("service_healthy", name);
            }
        }

        var postgres = (YamlMappingNode)services["postgres"];
        Scalar(postgres["image"]).ShouldStartWith("postgres:");
        Strings(postgres["healthcheck"]["test"]).ShouldContain("pg_isready");
        Strings(postgres["volumes"]).ShouldContain(v => v.EndsWith(":/var/lib/postgresql/data", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dockerfile_builds_from_every_project_the_cli_references()
    {
        var root = RepositoryRoot();
        var dockerfile = File.ReadAllText(Path.Combine(root, DockerfilePath));
        var copies = Regex.Matches(dockerfile, @"^COPY (?!--from)(.+)$", RegexOptions.Multiline)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        foreach (var source in copies)
        {
            Path.Exists(Path.Combine(root, source)).ShouldBeTrue($"COPY {source}: not in the repository");
        }

        foreach (var project in ProjectClosure(Path.Combine(root, "src/ActorTuner.Cli/ActorTuner.Cli.csproj")))
        {
            var relative = Path.GetRelativePath(root, project).Replace('\\', '/');
            copies.ShouldContain(relative, $"the restore step needs {relative}");
            copies.ShouldContain(Path.GetDirectoryName(relative)!.Replace('\\', '/') + "/", $"the publish step needs the sources of {relative}");
        }

        dockerfile.ShouldContain("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build");
        dockerfile.ShouldContain("FROM mcr.microsoft.com/dotnet/runtime:10.0");
        dockerfile.ShouldContain("RUN dotnet publish src/ActorTuner.Cli/ActorTuner.Cli.csproj -c Release");
        dockerfile.ShouldContain("python3");
        Regex.Match(dockerfile, @"^USER (.+)$", RegexOptions.Multiline).Groups[1].Value.ShouldNotBeOneOf("", "root", "0");
        File.ReadAllText(Path.Combine(root, ".dockerignore")).ShouldContain("**/obj/");
    }

    [Fact]
    public void The_script_refuses_an_unknown_command_or_option()
    {
        Should.Throw<InvalidOperationException>(() => RunScript(["launch"])).Message.ShouldContain("unknown command 'launch'");
        Should.Throw<InvalidOperationException>(() => RunScript(["plan", "--base-prot", "4053"])).Message.ShouldContain("unknown option '--base-prot'");
        Should.Throw<InvalidOperationException>(() => RunScript(["plan", "--base-port", "x"])).Message.ShouldContain("--base-port: expected a whole number");
    }

    private static List<string> NodesNamedBy(string contacts, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> nodes, bool byServiceName)
    {
        var named = new List<string>();
        foreach (var contact in contacts.Split(','))
        {
            var (host, port) = (contact[..contact.LastIndexOf(':')], contact[(contact.LastIndexOf(':') + 1)..]);
            var node = nodes.Single(n => n.Value["ACTORTUNER_PORT"] == port).Key;
            host.ShouldBe(byServiceName ? node : "127.0.0.1", $"contact {contact}");
            named.Add(node);
        }

        return named;
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(current).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")!.Value.Replace('\\', '/');
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(current)!, include)));
            }
        }

        return seen;
    }
}
