using System.Collections.Immutable;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>Reads <c>study.space</c>: one object per parameter, in file order, into a validated <see cref="SearchSpace"/>.</summary>
internal static class SpaceReader
{
    private static readonly string[] Types = ["float", "int", "categorical", "ordinal"];
    private static readonly string[] NumericKeys = ["type", "low", "high", "log", "step", "when"];
    private static readonly string[] CategoricalKeys = ["type", "choices", "when"];
    private static readonly string[] OrdinalKeys = ["type", "values", "when"];

    // Keys a SearchSpaceException's problem text can start with.
    private static readonly string[] ProblemKeys = ["low", "step", "choices", "values"];

    public static SearchSpace Read(HoconSection space)
    {
        var read = new List<(ParameterSpec Spec, HoconSection Section, HoconField? Parent)>();
        foreach (var field in space.Fields)
        {
            var section = space.Section(field, "a parameter like { type = float, low = 0, high = 1 }");
            read.Add(ReadParameter(section, field.Key));
        }

        if (read.Count == 0)
        {
            throw space.Error(space.Line, string.Empty, "the search space has no parameters; define at least one, e.g. x { type = float, low = 0, high = 1 }");
        }

        var names = read.Select(r => r.Spec.Name).ToArray();
        foreach (var (spec, section, parent) in read)
        {
            if (parent is not null && !names.Contains(parent.Key))
            {
                var when = section.Section(section.Find("when")!, "an object");
                throw when.Error(parent.Line, parent.Key, $"'{parent.Key}' is not a parameter of this space; {Spelling.Hint(parent.Key, names)}");
            }
        }

        try
        {
            return SearchSpace.Create(read.Select(r => r.Spec));
        }
        catch (SearchSpaceException ex)
        {
            var at = read.Find(r => r.Spec.Name == ex.Parameter);
            if (at.Section is null)
            {
                throw space.Error(space.Line, string.Empty, ex.Problem);
            }

            // Problems with a condition point at the condition; the rest at the parameter.
            var when = at.Section.Find("when");
            throw ex.Problem.Contains("condition", StringComparison.Ordinal) && when is not null
                ? at.Section.Error(when.Line, "when", ex.Problem)
                : at.Section.Error(at.Section.Line, string.Empty, ex.Problem);
        }
    }

    private static (ParameterSpec Spec, HoconSection Section, HoconField? Parent) ReadParameter(HoconSection p, string name)
    {
        var type = p.OneOf(p.Require("type", Spelling.List(Types)), Types, "parameter type");
        var (when, parent) = ReadWhen(p);
        ParameterSpec spec;
        switch (type)
        {
            case "float":
            {
                p.AllowOnly(NumericKeys);
                var (lowField, highField) = (p.Require("low", "a number"), p.Require("high", "a number"));
                var (low, high) = (p.Number(lowField), p.Number(highField));
                CheckRange(p, lowField, highField, low < high);
                spec = new FloatParameter(
                    name, low, high, p.Find("log") is { } log && p.Boolean(log), p.Find("step") is { } step ? p.Number(step) : null, when);
                break;
            }

            case "int":
            {
                p.AllowOnly(NumericKeys);
                var (lowField, highField) = (p.Require("low", "a whole number"), p.Require("high", "a whole number"));
                var (low, high) = (p.Whole(lowField, "a whole number"), p.Whole(highField, "a whole number"));
                CheckRange(p, lowField, highField, low < high);
                spec = new IntParameter(
                    name, low, high, p.Find("log") is { } log && p.Boolean(log), p.Find("step") is { } step ? p.Whole(step, "a positive whole number", 1) : 1, when);
                break;
            }

            case "categorical":
                p.AllowOnly(CategoricalKeys);
                spec = new CategoricalParameter(name, Values(p, p.Require("choices", "a list of choices, e.g. [rbf, poly]"), "choice"), when);
                break;
            default:
                p.AllowOnly(OrdinalKeys);
                spec = new OrdinalParameter(name, Values(p, p.Require("values", "a list of ordered values, e.g. [64, 128, 256]"), "value"), when);
                break;
        }

        try
        {
            spec.Validate();
        }
        catch (SearchSpaceException ex)
        {
            // Point at the key the problem is about, when the problem starts with it.
            var key = ProblemKeys.FirstOrDefault(k => ex.Problem.StartsWith(k, StringComparison.Ordinal))
                ?? (ex.Problem.StartsWith("a log scale", StringComparison.Ordinal) ? "log" : null);
            throw p.Error(key is not null && p.Find(key) is { } field ? field.Line : p.Line, string.Empty, ex.Problem);
        }

        return (spec, p, parent);
    }

    private static void CheckRange(HoconSection p, HoconField low, HoconField high, bool ordered)
    {
        if (!ordered)
        {
            throw p.Error(low.Line, string.Empty, $"'low' ({low.Value.Describe().Trim('"')}) must be below 'high' ({high.Value.Describe().Trim('"')})");
        }
    }

    private static ImmutableArray<ParameterValue> Values(HoconSection p, HoconField field, string what)
    {
        if (field.Value is not HoconArray list)
        {
            throw p.Error(field, $"expected a list like [a, b], got {field.Value.Describe()}");
        }

        if (list.Items.IsEmpty)
        {
            throw p.Error(field, $"the list is empty; give at least one {what}");
        }

        return [.. list.Items.Select(item => HoconSection.Typed(p.Scalar(field, item, $"a {what} (a string, number or boolean)")))];
    }

    // when { parent = [a, b] } or when { parent = a }: active only when the parent takes one of the values.
    private static (ParameterCondition? When, HoconField? Parent) ReadWhen(HoconSection p)
    {
        if (p.Find("when") is not { } field)
        {
            return (null, null);
        }

        var when = p.Section(field, "an object like when { kernel = [poly] }");
        if (when.Fields.Count != 1)
        {
            throw p.Error(field.Line, "when", when.Fields.Count == 0
                ? "names no parent; write when { parent = [value, ...] }"
                : $"names {when.Fields.Count} parents ({string.Join(", ", when.Fields.Select(f => f.Key))}); a parameter can depend on one parent only");
        }

        var parent = when.Fields[0];
        ImmutableArray<ParameterValue> values = parent.Value is HoconArray
            ? Values(when, parent, "value of the parent")
            : [HoconSection.Typed(when.Scalar(parent, parent.Value, "a value or a list of values of the parent"))];
        return (new ParameterCondition(parent.Key, values), parent);
    }
}
