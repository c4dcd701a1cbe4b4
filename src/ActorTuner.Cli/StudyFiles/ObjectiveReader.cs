using System.Collections.Immutable;
using System.Text.RegularExpressions;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>Reads <c>study.objective</c>, the external command run per trial.</summary>
internal static partial class ObjectiveReader
{
    /// <summary>How long a trial may run when the file gives no <c>timeout</c>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    private static readonly string[] Keys = ["command", "registered", "requires", "mode", "timeout", "workdir", "env"];
    private static readonly string[] Modes = ["one-shot", "persistent"];

    /// <summary>
    /// The file's objective: an external <c>command</c>, or the name of an in-process objective
    /// <c>registered</c> on cluster worker nodes; <c>requires</c> lists the tags a worker must have.
    /// </summary>
    public static StudyObjective? Read(HoconSection study, SearchSpace space)
    {
        if (study.Find("objective") is not { } field)
        {
            return null;
        }

        var objective = study.Section(field, "an object like objective { command = [python3, train.py] }");
        objective.AllowOnly(Keys);
        var requires = Requires(objective);
        if (objective.Find("registered") is { } registeredField)
        {
            if (objective.Find("command") is { } both)
            {
                throw objective.Error(both, "give either command (an external program) or registered (an in-process objective on the worker nodes), not both");
            }

            var name = objective.Text(registeredField, "the name an embedding program registered its objective under");
            return name.Trim().Length > 0
                ? StudyObjective.OfRegistered(name, requires)
                : throw objective.Error(registeredField, "expected the name of a registered objective, got an empty string");
        }

        return StudyObjective.Of(ReadCommand(objective, space), requires);
    }

    private static ImmutableArray<string> Requires(HoconSection objective)
    {
        if (objective.Find("requires") is not { } field)
        {
            return [];
        }

        if (field.Value is not HoconArray list)
        {
            throw objective.Error(field, $"expected a list of worker tags like [gpu], got {field.Value.Describe()}");
        }

        var tags = ImmutableArray.CreateBuilder<string>();
        foreach (var item in list.Items)
        {
            var tag = objective.Scalar(field, item, "a tag").Text;
            if (!StudyObjective.IsTag(tag))
            {
                throw objective.Error(item.Line, field.Key, $"'{tag}' is not a tag: use 1 to 64 letters, digits, '-', '_' or '.'");
            }

            tags.Add(tag);
        }

        return tags.ToImmutable();
    }

    private static CommandObjectiveSpec ReadCommand(HoconSection objective, SearchSpace space)
    {
        var command = Command(objective, space);
        var mode = objective.Find("mode") is { } modeField && objective.OneOf(modeField, Modes, "mode") == "persistent"
            ? CommandMode.Persistent
            : CommandMode.OneShot;
        var timeout = objective.Find("timeout") is { } timeoutField ? objective.Duration(timeoutField) : DefaultTimeout;

        // The command runs in the study file's folder, or in workdir taken relative to it.
        var folder = Path.GetDirectoryName(Path.GetFullPath(objective.File)) ?? Directory.GetCurrentDirectory();
        var workdir = folder;
        if (objective.Find("workdir") is { } workdirField)
        {
            var text = objective.Text(workdirField, "a folder");
            workdir = text.Length > 0
                ? Path.GetFullPath(Path.Combine(folder, text))
                : throw objective.Error(workdirField, "expected a folder, got an empty string");
        }

        var environment = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);
        if (objective.Find("env") is { } envField)
        {
            var env = objective.Section(envField, "an object like env { KEY = value }");
            foreach (var variable in env.Fields)
            {
                environment = environment.SetItem(variable.Key, env.Text(variable, "a string (put a dotted name in quotes: \"A.B\" = x)"));
            }
        }

        return new CommandObjectiveSpec(command, mode, timeout, workdir, environment);
    }

    private static ImmutableArray<string> Command(HoconSection objective, SearchSpace space)
    {
        const string Expected = "the program and its arguments as a list, e.g. [python3, train.py, \"--C=${C}\"]";
        var field = objective.Require("command", Expected);
        if (field.Value is not HoconArray list || list.Items.IsEmpty)
        {
            throw objective.Error(field, $"expected {Expected}, got {(field.Value is HoconArray ? "an empty list" : field.Value.Describe())}");
        }

        var names = space.Parameters.Select(p => p.Name).ToArray();
        var arguments = ImmutableArray.CreateBuilder<string>(list.Items.Length);
        foreach (var item in list.Items)
        {
            var text = objective.Scalar(field, item, "a string").Text;
            if (arguments.Count == 0 && text.Length == 0)
            {
                throw objective.Error(item.Line, field.Key, "the program (the first item) is empty");
            }

            // A placeholder naming no parameter would reach the command unreplaced: catch the typo now.
            foreach (Match placeholder in Placeholder().Matches(text))
            {
                var name = placeholder.Groups[1].Value;
                if (!names.Contains(name))
                {
                    throw objective.Error(item.Line, field.Key, $"'${{{name}}}' names no parameter; {Spelling.Hint(name, names)}");
                }
            }

            arguments.Add(text);
        }

        return arguments.MoveToImmutable();
    }

    [GeneratedRegex(@"\$\{([^}]*)\}")]
    private static partial Regex Placeholder();
}
