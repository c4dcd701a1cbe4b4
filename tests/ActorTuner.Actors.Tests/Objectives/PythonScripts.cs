using System.Collections.Immutable;
using ActorTuner.Actors.Objectives;
using ActorTuner.Core.Objectives;
using ActorTuner.Core.Spaces;

namespace ActorTuner.Actors.Tests.Objectives;

/// <summary>
/// Small Python objectives the tests write to a temporary folder and run with Debian's /usr/bin/python3. A
/// machine without it fails the tests with a message saying what to install; it never skips them.
/// </summary>
internal sealed class PythonScripts : IDisposable
{
    public const string Python = "/usr/bin/python3";

    public PythonScripts()
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException(
                $"{Python} was not found; the objective runner tests run real Python scripts (Debian: apt-get install python3)");
        }

        Folder = Path.Combine(Path.GetTempPath(), $"actortuner-objectives-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
    }

    /// <summary>The temporary folder: the scripts, and the working directory of the commands.</summary>
    public string Folder { get; }

    /// <summary>Writes <paramref name="code"/> to <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string name, string code)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, code);
        return path;
    }

    /// <summary>A spec running the script <paramref name="name"/> with <paramref name="arguments"/>.</summary>
    public CommandObjectiveSpec Spec(
        string name,
        string code,
        CommandMode mode = CommandMode.OneShot,
        TimeSpan? timeout = null,
        ImmutableDictionary<string, string>? environment = null,
        params string[] arguments) =>
        new([Python, Write(name, code), .. arguments], mode, timeout ?? TimeSpan.FromSeconds(30), Folder,
            environment ?? ImmutableDictionary<string, string>.Empty);

    /// <summary>A trial with <paramref name="parameters"/> whose reports go to <paramref name="report"/>.</summary>
    public static Trial Trial(int number, Action<int, double>? report = null, params (string Name, ParameterValue Value)[] parameters) =>
        new(number, 1, new Configuration(parameters.Select(p => KeyValuePair.Create(p.Name, p.Value))), report);

    /// <summary>Whether process <paramref name="pid"/> is gone (or a zombie) within a few seconds.</summary>
    public static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            if (IsGone(pid))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold a file for a moment; the temp folder is cleaned elsewhere.
        }
    }

    private static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[stat.LastIndexOf(')') + 2];
            return state is 'Z' or 'X';
        }
        catch (IOException)
        {
            return true;
        }
    }
}
