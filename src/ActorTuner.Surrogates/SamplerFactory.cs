using System.Collections.Immutable;
using System.Globalization;
using ActorTuner.Core.Sampling;
using ActorTuner.Surrogates.Acquisition;
using ActorTuner.Surrogates.Models;
using ActorTuner.Surrogates.Sampling;
using ActorTuner.Surrogates.Transforms;

namespace ActorTuner.Surrogates;

/// <summary>
/// Creates samplers by name: <c>gp</c> (the default), <c>random</c>, <c>sobol</c>, <c>grid</c>. The GP takes
/// options after a colon, comma-separated: <c>gp:pending=kb,acq=ucb,prior=optuna,transform=standardize,init=5</c>.
/// </summary>
public static class SamplerFactory
{
    private static readonly ImmutableDictionary<string, Func<long, ISampler>> Builders =
        new Dictionary<string, Func<long, ISampler>>(StringComparer.OrdinalIgnoreCase)
        {
            ["gp"] = seed => new GaussianProcessSampler(seed),
            ["random"] = seed => new RandomSampler(seed),
            ["sobol"] = seed => new SobolSampler(seed),
            ["grid"] = seed => new GridSampler(seed),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static IEnumerable<string> Names => Builders.Keys.Order(StringComparer.Ordinal);

    /// <summary>Creates the sampler called <paramref name="name"/> with <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentException">The name or an option is not known; the message lists what is.</exception>
    public static ISampler Create(string name, long seed)
    {
        ArgumentNullException.ThrowIfNull(name);
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var baseName = name[..colon];
            if (!baseName.Equals("gp", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"sampler '{baseName}' takes no options (only gp does)", nameof(name));
            }

            return new GaussianProcessSampler(seed, ParseGpOptions(name[(colon + 1)..]));
        }

        return Builders.TryGetValue(name, out var build)
            ? build(seed)
            : throw new ArgumentException($"unknown sampler '{name}'; expected one of {string.Join(", ", Names)}", nameof(name));
    }

    /// <summary>Parses <c>key=value</c> pairs (pending, acq, prior, transform, incumbent, init, beta) into GP options.</summary>
    public static GpSamplerOptions ParseGpOptions(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new GpSamplerOptions();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                throw new ArgumentException($"gp option '{pair}' is not key=value");
            }

            var (key, value) = (parts[0].ToLowerInvariant(), parts[1].ToLowerInvariant());
            options = key switch
            {
                "pending" => options with
                {
                    Pending = value switch
                    {
                        "min" => PendingStrategy.ConstantLiarMin,
                        "mean" => PendingStrategy.ConstantLiarMean,
                        "max" => PendingStrategy.ConstantLiarMax,
                        "kb" => PendingStrategy.KrigingBeliever,
                        _ => throw new ArgumentException($"gp option pending={value}: expected min, mean, max or kb"),
                    },
                },
                "acq" => options with
                {
                    Acquisition = value switch
                    {
                        "logei" => AcquisitionKind.LogEi,
                        "ucb" => AcquisitionKind.Ucb,
                        "ts" or "thompson" => AcquisitionKind.Thompson,
                        _ => throw new ArgumentException($"gp option acq={value}: expected logei, ucb or ts"),
                    },
                },
                "prior" => options with
                {
                    Prior = value switch
                    {
                        "dimscaled" => GpPriorKind.DimensionScaled,
                        "optuna" => GpPriorKind.Optuna,
                        _ => throw new ArgumentException($"gp option prior={value}: expected dimscaled or optuna"),
                    },
                },
                "transform" => options with
                {
                    OutputTransform = value switch
                    {
                        "power" => OutputTransformKind.Power,
                        "standardize" => OutputTransformKind.Standardize,
                        _ => throw new ArgumentException($"gp option transform={value}: expected power or standardize"),
                    },
                },
                "incumbent" => options with
                {
                    Incumbent = value switch
                    {
                        "observed" => IncumbentKind.Observed,
                        "mean" => IncumbentKind.PosteriorMean,
                        _ => throw new ArgumentException($"gp option incumbent={value}: expected observed or mean"),
                    },
                },
                "init" => options with { InitialTrials = int.Parse(value, CultureInfo.InvariantCulture) },
                "beta" => options with { UcbBeta = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown gp option '{key}'; expected pending, acq, prior, transform, incumbent, init or beta"),
            };
        }

        return options;
    }
}
