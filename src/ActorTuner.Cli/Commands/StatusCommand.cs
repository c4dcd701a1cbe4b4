using System.CommandLine;
using System.Globalization;
using ActorTuner.Actors.Cluster;
using ActorTuner.Cli.Reports;
using ActorTuner.Core.Studies;
using Spectre.Console;

namespace ActorTuner.Cli.Commands;

/// <summary><c>actortuner status [NAME] --cluster HOST:PORT</c>: the cluster's nodes, slots and studies, or one study's trials.</summary>
public static class StatusCommand
{
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "A study to show in detail (default: the whole cluster)", Arity = ArgumentArity.ZeroOrOne };
        var cluster = ClusterOptions.Cluster();
        var tlsCert = ClusterOptions.TlsCert();
        var tlsPassword = ClusterOptions.TlsPasswordEnv();
        var best = new Option<int>("--best") { Description = "Rows in the table of best trials (with a study name)", DefaultValueFactory = _ => 5 };
        var command = new Command("status", "Show a running cluster's nodes, worker slots and studies, or one study") { name, cluster, best, tlsCert, tlsPassword };
        command.SetAction((parse, _) => RunAsync(parse.GetValue(name), parse.GetValue(cluster), parse.GetValue(best), parse.GetValue(tlsCert), parse.GetValue(tlsPassword)));
        return command;
    }

    /// <summary>Shows the status; returns the exit code (1 when the cluster does not answer or the study does not exist).</summary>
    public static async Task<int> RunAsync(string? name, string? clusterOption, int bestRows, string? tlsCert = null, string? tlsPasswordEnv = null)
    {
        var console = AnsiConsole.Console;
        ProgressView.WidenWhenRedirected(console);
        string[] contacts;
        Actors.Cluster.TlsSettings? tls;
        try
        {
            contacts = ClusterOptions.Contacts(clusterOption);
            tls = ClusterOptions.Tls(tlsCert, tlsPasswordEnv);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.BadInput;
        }

        try
        {
            await using var connection = ClusterConnection.Open(contacts, tls: tls);
            var cluster = await connection.GetClusterAsync(AskTimeout).ConfigureAwait(false);
            if (name is null)
            {
                Show(console, cluster);
                return CliOptions.Ok;
            }

            var study = (await connection.GetStudyAsync(name, AskTimeout).ConfigureAwait(false)).State;
            if (!study.IsCreated)
            {
                var known = cluster.Studies.Select(s => s.Study).ToList();
                await Console.Error.WriteLineAsync($"error: no study '{name}' on the cluster; studies announced: {(known.Count == 0 ? "none" : string.Join(", ", known))}").ConfigureAwait(false);
                return CliOptions.Failed;
            }

            Show(console, study, cluster.Studies.FirstOrDefault(s => s.Study == name), bestRows);
            return CliOptions.Ok;
        }
        catch (TimeoutException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return CliOptions.Failed;
        }
    }

    private static void Show(IAnsiConsole console, GetClusterResult cluster)
    {
        var members = new Table().Title("nodes").AddColumns("address", "roles", "status", "reachable", "slots in use");
        foreach (var m in cluster.Members)
        {
            var worker = cluster.Workers.FirstOrDefault(w => w.Node == m.Address);
            var slots = worker is null ? "-" : $"{worker.Busy.Length}/{worker.Slots}" + (worker.Tags.IsEmpty ? string.Empty : $" [{string.Join(',', worker.Tags)}]");
            members.AddRow(Markup.Escape(m.Address), Markup.Escape(string.Join(',', m.Roles)), m.Status, m.Reachable ? "yes" : "NO", Markup.Escape(slots));
        }

        console.Write(members);
        var used = cluster.Workers.Sum(w => w.Busy.Length);
        var total = cluster.Workers.Sum(w => w.Slots);
        console.MarkupLine(Markup.Escape($"{cluster.Members.Length} node(s), {cluster.Workers.Length} worker node(s), {used}/{total} slot(s) in use"));
        var studies = new Table().Title("studies").AddColumns("study", "finished", "running", "failed", "best", "hosted on");
        foreach (var s in cluster.Studies)
        {
            studies.AddRow(
                Markup.Escape(s.Study),
                $"{s.Completed + s.Failed}/{s.Budget}" + (s.Done ? " done" : string.Empty),
                s.Running.ToString(CultureInfo.InvariantCulture),
                s.Failed.ToString(CultureInfo.InvariantCulture),
                ProgressView.Format(s.Best),
                Markup.Escape(s.Host));
        }

        console.Write(studies);
    }

    private static void Show(IAnsiConsole console, StudyState study, StudyAnnouncement? announcement, int bestRows)
    {
        console.MarkupLine(Markup.Escape(StudiesCommand.Line(study) + (announcement is null ? string.Empty : $"\thosted on {announcement.Host}")));
        var running = new Table().Title("running").AddColumns("trial", "attempt", "worker", "lease until");
        foreach (var t in study.Trials.Where(t => t.State == TrialState.Running))
        {
            running.AddRow(
                t.Number.ToString(CultureInfo.InvariantCulture),
                t.Attempt.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(t.Worker ?? "-"),
                t.LeaseDeadline?.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "-");
        }

        console.Write(running);
        console.Write(ProgressView.BestTable(study, bestRows));
    }
}
