using System.IO.Compression;
using System.Text;

namespace ActorTuner.Benchmarks.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose; writes test manifests and tables.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actortuner-bench-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes NAME.json (the manifest text) and NAME.csv.gz (the CSV lines, gzipped); returns the manifest's path.</summary>
    public string WriteTabular(string name, string manifest, params string[] csvLines)
    {
        var manifestPath = System.IO.Path.Combine(Path, name + ".json");
        File.WriteAllText(manifestPath, manifest);
        using var file = File.Create(System.IO.Path.Combine(Path, name + ".csv.gz"));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", csvLines) + "\n");
        gzip.Write(bytes);
        return manifestPath;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }
}
