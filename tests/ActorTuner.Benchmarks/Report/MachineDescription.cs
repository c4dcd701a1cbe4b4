using System.Runtime.InteropServices;

namespace ActorTuner.Benchmarks.Report;

/// <summary>The machine line of a report: CPU model, logical core count, OS and runtime.</summary>
public static class MachineDescription
{
    /// <summary>E.g. "AMD EPYC, 2 logical cores, Debian GNU/Linux 12, .NET 10.0.0".</summary>
    public static string Current()
    {
        var cpu = CpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString();
        var cores = Environment.ProcessorCount;
        return $"{cpu}, {cores} logical core{(cores == 1 ? string.Empty : "s")}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }

    /// <summary>The first "model name" of /proc/cpuinfo, or null where there is none (not Linux, or ARM).</summary>
    private static string? CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines(cpuinfo))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == "model name")
                {
                    var model = line[(colon + 1)..].Trim();
                    return model.Length > 0 ? model : null;
                }
            }
        }
        catch (IOException)
        {
            // An unreadable cpuinfo only costs the report its CPU name.
        }

        return null;
    }
}
