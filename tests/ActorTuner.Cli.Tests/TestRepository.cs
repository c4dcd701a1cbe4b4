using System.Reflection;

namespace ActorTuner.Cli.Tests;

/// <summary>The repository the tests were built from, for tests that read its files (study examples, deployment files).</summary>
public static class TestRepository
{
    /// <summary>
    /// The root recorded at build time (the project file's RepositoryRoot metadata), which holds wherever the
    /// binaries are (ACTORTUNER_ARTIFACTS may put them outside the repository); else the first folder above the
    /// binaries that holds ActorTuner.sln.
    /// </summary>
    public static string Root()
    {
        var recorded = typeof(TestRepository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (recorded is not null && File.Exists(Path.Combine(recorded, "ActorTuner.sln")))
        {
            return recorded;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorTuner.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no ActorTuner.sln at the recorded repository root ({recorded}) nor above {AppContext.BaseDirectory}");
    }
}
