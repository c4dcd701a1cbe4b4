using ActorTuner.Core.Spaces;

namespace ActorTuner.Core.Tests.Serialization;

/// <summary>Inputs the serialization tests share.</summary>
internal static class SerializationSamples
{
    /// <summary>Every parameter kind: log and stepped floats and ints, a mixed categorical, a conditional, an ordinal.</summary>
    public static SearchSpace Space { get; } = SearchSpace.Create(
        new FloatParameter("lr", 1e-5, 1, Log: true),
        new FloatParameter("dropout", 0, 0.5, Step: 0.1),
        new IntParameter("width", 16, 1024, Log: true),
        new IntParameter("layers", 1, 9, Step: 2),
        new CategoricalParameter("optimizer", ["sgd", "adam", 3, true]),
        new FloatParameter("momentum", 0, 0.99, When: new ParameterCondition("optimizer", ["sgd"])),
        new OrdinalParameter("batch", [16, 32, 64.5]));
}
