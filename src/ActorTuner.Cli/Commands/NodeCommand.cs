using System.CommandLine;
using System.Runtime.InteropServices;
using ActorTuner.Actors.Cluster;
using ActorTuner.Core.Objectives;

namespace ActorTuner.Cli.Commands;

/// <summary>
/// <c>actortuner node --roles coordinator,worker --host H --port P --seed-nodes H:P,... --storage postgres:...
/// [--slots N] [--tags gpu,...]</c>: runs a cluster node until Ctrl+C or SIGTERM, then leaves the cluster
/// gracefully (running trials handed back first).
/// </summary>
public static class NodeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var roles = new Option<string?>("--roles") { Description = "coordinator (hosts studies), worker (runs trials) or both, comma-separated (default: $ACTORTUNER_ROLES, else coordinator,worker)" };
        var host = new Option<string?>("--host") { Description = "Address to bind remoting to (default: $ACTORTUNER_HOST, else 127.0.0.1: this machine only)" };
        var port = new Option<string?>("--port") { Description = "Remoting port (default: $ACTORTUNER_PORT, else 4053)" };
        var publicHost = new Option<string?>("--public-host") { Description = "Address other nodes reach this one at, when it differs from --host (default: $ACTORTUNER_PUBLIC_HOST)" };
        var seeds = new Option<string?>("--seed-nodes") { Description = "HOST:PORT of the nodes to join through, comma-separated; none: start a new cluster (default: $ACTORTUNER_SEED_NODES)" };
        var storage = CliOptions.Storage();
        var slots = new Option<string?>("--slots") { Description = "Trials a worker runs at once (default: $ACTORTUNER_SLOTS, else 1)" };
        var tags = new Option<string?>("--tags") { Description = "What a worker offers, e.g. gpu, comma-separated; a study's objective.requires must be among them (default: $ACTORTUNER_TAGS)" };
        var devices = new Option<string?>("--devices") { Description = "Device indices handed to slots as CUDA_VISIBLE_DEVICES, comma-separated (default: $ACTORTUNER_DEVICES, else 0..slots-1 on a node tagged gpu)" };
        var stableAfter = new Option<string?>("--stable-after") { Description = "How long membership must be stable before unreachable nodes are downed (keep-majority) (default: $ACTORTUNER_STABLE_AFTER, else 20s)" };
        var tlsCert = ClusterOptions.TlsCert();
        var tlsPassword = ClusterOptions.TlsPasswordEnv();
        var command = new Command("node", "Run a cluster node: a coordinator hosts studies, a worker runs their trials; Ctrl+C leaves the cluster gracefully")
        {
            roles, host, port, publicHost, seeds, storage, slots, tags, devices, stableAfter, tlsCert, tlsPassword,
        };
        command.SetAction((parse, _) =>
        {
            ClusterNodeSettings settings;
            try
            {
                settings = Settings(
                    parse.GetValue(roles), parse.GetValue(host), parse.GetValue(port), parse.GetValue(publicHost), parse.GetValue(seeds),
                    parse.GetValue(storage), parse.GetValue(slots), parse.GetValue(tags), parse.GetValue(devices), parse.GetValue(stableAfter))
                    with { Tls = ClusterOptions.Tls(parse.GetValue(tlsCert), parse.GetValue(tlsPassword)) };
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return Task.FromResult(CliOptions.BadInput);
            }

            return RunAsync(settings);
        });
        return command;
    }

    /// <summary>The node's settings from the options, each falling back to its environment variable.</summary>
    public static ClusterNodeSettings Settings(
        string? roles, string? host, string? port, string? publicHost, string? seeds, string? storage, string? slots, string? tags, string? devices, string? stableAfter)
    {
        var slotCount = ClusterOptions.Int(ClusterOptions.Or(slots, "ACTORTUNER_SLOTS", "1")!, "--slots", 0, 1024);
        var tagList = ClusterOptions.List(ClusterOptions.Or(tags, "ACTORTUNER_TAGS"));
        foreach (var tag in tagList.Where(t => !StudyObjective.IsTag(t)))
        {
            throw new FormatException($"--tags: '{tag}' is not a tag; use 1 to 64 letters, digits, '-', '_' or '.'");
        }

        var deviceText = ClusterOptions.Or(devices, "ACTORTUNER_DEVICES");
        var settings = new ClusterNodeSettings(
            [.. ClusterOptions.List(ClusterOptions.Or(roles, "ACTORTUNER_ROLES", "coordinator,worker"))],
            ClusterOptions.Or(host, "ACTORTUNER_HOST", "127.0.0.1")!,
            ClusterOptions.Int(ClusterOptions.Or(port, "ACTORTUNER_PORT", "4053")!, "--port", 0, 65535),
            ClusterOptions.Or(publicHost, "ACTORTUNER_PUBLIC_HOST"),
            [.. ClusterOptions.List(ClusterOptions.Or(seeds, "ACTORTUNER_SEED_NODES"))],
            CliOptions.ResolveStorage(storage),
            WorkerNodeSettings.Create(slotCount, tagList, deviceText is null ? null : ClusterOptions.List(deviceText)),
            ClusterOptions.Duration(ClusterOptions.Or(stableAfter, "ACTORTUNER_STABLE_AFTER", "20s")!, "--stable-after"));
        settings.Validate();
        return settings;
    }

    /// <summary>
    /// Runs the node until interrupted; returns the exit code. <paramref name="objectives"/> are in-process
    /// objectives a program embedding ActorTuner registers for studies whose file says <c>registered = NAME</c>.
    /// </summary>
    public static async Task<int> RunAsync(ClusterNodeSettings settings, IReadOnlyDictionary<string, Func<Actors.Objectives.Trial, CancellationToken, Task<double>>>? objectives = null)
    {
        ClusterNode node;
        try
        {
            node = ClusterNode.Start(settings, objectives, overrides: Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = INFO\nakka.log-dead-letters-during-shutdown = off"));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or Akka.Configuration.ConfigurationException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.BadInput;
        }
        catch (Exception e)
        {
            // Remoting could not bind (the port is taken, the address is not this machine's).
            await Console.Error.WriteLineAsync($"error: the node could not start on {settings.Host}:{settings.Port}: {e.GetBaseException().Message}").ConfigureAwait(false);
            return CliOptions.Failed;
        }

        var stopping = 0;
        void Stop()
        {
            if (Interlocked.Increment(ref stopping) == 1)
            {
                Console.Error.WriteLine("stopping: handing running trials back and leaving the cluster (again to quit at once)");
                _ = node.StopAsync();
            }
            else
            {
                Environment.Exit(CliOptions.Interrupted);
            }
        }

        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            Stop();
        };
        Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            Stop();
        });
        try
        {
            var roles = string.Join(',', settings.Roles);
            var work = settings.IsWorker ? $"; {settings.Worker.Slots} slot(s){(settings.Worker.Tags.IsEmpty ? string.Empty : ", tags " + string.Join(',', settings.Worker.Tags))}" : string.Empty;
            var seeds = settings.SeedNodes.IsEmpty ? "a new cluster" : "seed nodes " + string.Join(',', settings.SeedNodes);
            var wire = settings.Tls is null ? "plain TCP" : $"mutual TLS with {settings.Tls}";
            await Console.Out.WriteLineAsync($"node {node.Address} starting: roles {roles}{work}; joining {seeds}; storage {settings.Storage}; {wire}").ConfigureAwait(false);
            _ = node.WhenUp().ContinueWith(_ => Console.Out.WriteLine($"node {node.Address} is up"), TaskScheduler.Default);
            await node.System.WhenTerminated.ConfigureAwait(false);
            if (stopping == 0)
            {
                // Nobody asked it to stop: the cluster downed this node (it was cut off from the majority).
                await Console.Error.WriteLineAsync($"node {node.Address} was removed from the cluster (downed or cut off); restart it to rejoin").ConfigureAwait(false);
                return CliOptions.Failed;
            }

            await Console.Out.WriteLineAsync($"node {node.Address} left the cluster").ConfigureAwait(false);
            return CliOptions.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
