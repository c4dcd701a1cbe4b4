using System.Collections.Immutable;
using ActorTuner.Core.Sampling;
using ActorTuner.Core.Spaces;
using ActorTuner.Core.Trials;

namespace ActorTuner.Core.Tests;

/// <summary>Search spaces and contexts shared by the tests.</summary>
internal static class TestSpaces
{
    /// <summary>4 x 4 x 4 = 64 configurations: an int, an ordinal and a categorical.</summary>
    public static SearchSpace Small64() => SearchSpace.Create(
        new IntParameter("layers", 1, 4),
        new OrdinalParameter("batch", [16, 32, 64, 128]),
        new CategoricalParameter("activation", ["relu", "tanh", "gelu", "silu"]));

    /// <summary>Two continuous parameters, one on a log scale.</summary>
    public static SearchSpace Continuous() => SearchSpace.Create(
        new FloatParameter("lr", 1e-5, 1e-1, Log: true),
        new FloatParameter("dropout", 0.0, 0.5));

    /// <summary>A bit of everything, with conditions.</summary>
    public static SearchSpace Mixed() => SearchSpace.Create(
        new CategoricalParameter("optimizer", ["sgd", "adam"]),
        new FloatParameter("momentum", 0.0, 0.99, When: When("optimizer", "sgd")),
        new FloatParameter("lr", 1e-5, 1.0, Log: true),
        new IntParameter("units", 8, 512, Log: true),
        new FloatParameter("dropout", 0.0, 0.5, Step: 0.1),
        new OrdinalParameter("batch", [16, 32, 64]),
        new CategoricalParameter("beta", [0.9, 0.99, 0.999], When: When("optimizer", "adam")),
        new CategoricalParameter("nesterov", [true, false], When: When("optimizer", "sgd")));

    /// <summary>
    /// optimizer {sgd, adam}; momentum (5 values) only for sgd; beta (3 values) only for adam;
    /// batch (3) and layers (4) always: (5 + 3) * 3 * 4 = 96 configurations.
    /// </summary>
    public static SearchSpace Conditional96() => SearchSpace.Create(
        new CategoricalParameter("optimizer", ["sgd", "adam"]),
        new FloatParameter("momentum", 0.5, 0.9, Step: 0.1, When: When("optimizer", "sgd")),
        new OrdinalParameter("beta", [0.9, 0.99, 0.999], When: When("optimizer", "adam")),
        new OrdinalParameter("batch", [16, 32, 64]),
        new IntParameter("layers", 1, 4));

    /// <summary>2 * 2 * 4 * 3 * 3 * 6 * 2 * 6 * 6 = 62,208 configurations.</summary>
    public static SearchSpace Large62208() => SearchSpace.Create(
        new CategoricalParameter("a", [true, false]),
        new CategoricalParameter("b", ["x", "y"]),
        new IntParameter("c", 1, 4),
        new OrdinalParameter("d", [0.1, 0.2, 0.3]),
        new FloatParameter("e", 0, 1, Step: 0.5),
        new IntParameter("f", 0, 50, Step: 10),
        new CategoricalParameter("g", [1, 2]),
        new IntParameter("h", 1, 6),
        new OrdinalParameter("i", [1, 2, 4, 8, 16, 32]));

    public static ParameterCondition When(string parent, params ParameterValue[] values) =>
        new(parent, [.. values]);

    public static Configuration Config(params (string Name, ParameterValue Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    /// <summary>A context whose observations are <paramref name="observed"/> (every third one failed) and pending <paramref name="pending"/>.</summary>
    public static SuggestionContext Context(SearchSpace space, IEnumerable<Configuration> observed, IEnumerable<Configuration>? pending = null)
    {
        var observations = observed
            .Select((c, i) => i % 3 == 2 ? Observation.Failed(c) : Observation.Completed(c, i * 0.5))
            .ToImmutableArray();
        return new SuggestionContext(space, Direction.Minimize, observations, [.. pending ?? []]);
    }
}
