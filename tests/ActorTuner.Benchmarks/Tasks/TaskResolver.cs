using ActorTuner.Benchmarks.Tasks.Tabular;

namespace ActorTuner.Benchmarks.Tasks;

/// <summary>Turns a <c>--task</c> argument into a task: the path of a tabular manifest, or a synthetic function's name.</summary>
public static class TaskResolver
{
    /// <summary>True when <paramref name="task"/> is to be read as a tabular manifest (an existing file or a *.json path).</summary>
    public static bool IsTabular(string task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(task);
    }

    /// <summary>Loads or builds the task.</summary>
    /// <exception cref="TabularFormatException">A manifest or table is unusable.</exception>
    /// <exception cref="ArgumentException">Neither an existing manifest nor a known function.</exception>
    public static IBenchmarkTask Resolve(string task)
    {
        if (!IsTabular(task))
        {
            return SyntheticFunctions.Create(task);
        }

        return File.Exists(task)
            ? TabularTask.Load(task)
            : throw new ArgumentException($"--task {task}: no such manifest file; give the path of NAME.json (with NAME.csv.gz beside it) or a synthetic function's name", nameof(task));
    }
}
