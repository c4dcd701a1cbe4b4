using System.Globalization;
using ActorTuner.Surrogates;

namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// Reads <c>study.sampler</c> into a <see cref="SamplerFactory"/> spec: <c>sampler { type = gp, acq = ucb }</c>
/// is <c>gp:acq=ucb</c>; <c>sampler = random</c> is <c>random</c>; no sampler is <c>gp</c>.
/// </summary>
internal static class SamplerReader
{
    private static readonly string[] GpOptions = ["pending", "acq", "prior", "transform", "incumbent", "init", "beta"];

    public static string Read(HoconSection study)
    {
        var names = SamplerFactory.Names.ToArray();
        if (study.Find("sampler") is not { } field)
        {
            return "gp";
        }

        if (field.Value is HoconScalar)
        {
            return study.OneOf(field, names, "sampler");
        }

        var sampler = study.Section(field, $"an object like sampler {{ type = gp }} or one of {Spelling.List(names)}");
        var type = sampler.Find("type") is { } typeField ? sampler.OneOf(typeField, names, "sampler") : "gp";
        var options = sampler.Fields.Where(f => f.Key != "type").ToList();
        if (type != "gp" && options.Count > 0)
        {
            throw sampler.Error(options[0].Line, options[0].Key, $"the {type} sampler takes no options; only gp does ({Spelling.List(GpOptions)})");
        }

        sampler.AllowOnly(["type", .. GpOptions]);
        var pairs = new List<string>();
        foreach (var option in options)
        {
            var value = sampler.Text(option, "a value");
            if (value.Length == 0 || value.IndexOfAny([',', '=', ':']) >= 0)
            {
                throw sampler.Error(option, $"expected a plain value, got {option.Value.Describe()}");
            }

            if (option.Key == "init")
            {
                sampler.Whole(option, "a positive whole number (trials before the GP takes over)", 1, int.MaxValue);
            }

            try
            {
                SamplerFactory.ParseGpOptions($"{option.Key}={value}");
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                throw sampler.Error(option, ex is ArgumentException ? ex.Message : $"expected a number, got {option.Value.Describe()}");
            }

            pairs.Add(string.Create(CultureInfo.InvariantCulture, $"{option.Key}={value}"));
        }

        return pairs.Count == 0 ? type : $"{type}:{string.Join(',', pairs)}";
    }
}
