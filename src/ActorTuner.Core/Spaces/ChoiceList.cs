using System.Collections.Immutable;

namespace ActorTuner.Core.Spaces;

/// <summary>Validation shared by categorical and ordinal parameters.</summary>
internal static class ChoiceList
{
    public static void Validate(ParameterSpec parameter, ImmutableArray<ParameterValue> values, string key)
    {
        if (values.IsDefaultOrEmpty)
        {
            throw new SearchSpaceException(parameter.Name, $"{key} is empty; give at least one value");
        }

        var seen = new HashSet<ParameterValue>();
        foreach (var value in values)
        {
            if (value.Kind == ParameterValueKind.Real && !double.IsFinite(value.AsDouble()))
            {
                throw new SearchSpaceException(parameter.Name, $"{key} contains {value}; values must be finite");
            }

            if (!seen.Add(value))
            {
                throw new SearchSpaceException(parameter.Name, $"{key} lists {value} twice");
            }
        }
    }
}
