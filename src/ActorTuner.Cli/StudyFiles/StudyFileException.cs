namespace ActorTuner.Cli.StudyFiles;

/// <summary>
/// A study file that cannot be used. The message says where and what, like a compiler:
/// <c>svm.conf:4: study.trials: expected a positive whole number, got "sixty"</c>, or with the column for
/// syntax errors: <c>svm.conf:12:5: study.space: '{' is never closed; add '}'</c>.
/// </summary>
public sealed class StudyFileException : Exception
{
    /// <summary>Creates the exception for a problem at <paramref name="line"/> (and <paramref name="column"/> when known) of <paramref name="file"/>.</summary>
    /// <param name="file">The study file's path as given.</param>
    /// <param name="line">The 1-based line, or 0 when the problem is with the file as a whole.</param>
    /// <param name="column">The 1-based column, or 0 when only the line is meaningful.</param>
    /// <param name="key">The key path, e.g. <c>study.space.gamma.low</c>; empty when there is none.</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    public StudyFileException(string file, int line, int column, string key, string problem)
        : base(Format(file, line, column, key, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Key = key;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public StudyFileException(string message)
        : this(message, null!)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StudyFileException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Key = string.Empty;
        Problem = message;
    }

    /// <summary>Creates an empty exception.</summary>
    public StudyFileException()
        : this(string.Empty)
    {
    }

    /// <summary>The study file's path as given to <see cref="StudyFile.Load"/> or <see cref="StudyFile.Parse"/>.</summary>
    public string File { get; }

    /// <summary>The 1-based line of the offending key or value, or 0 for the file as a whole.</summary>
    public int Line { get; }

    /// <summary>The 1-based column (syntax errors), or 0.</summary>
    public int Column { get; }

    /// <summary>The key path, e.g. <c>study.space.gamma.low</c>, or empty.</summary>
    public string Key { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string file, int line, int column, string key, string problem)
    {
        var where = line <= 0 ? file : column <= 0 ? $"{file}:{line}" : $"{file}:{line}:{column}";
        return string.IsNullOrEmpty(key) ? $"{where}: {problem}" : $"{where}: {key}: {problem}";
    }
}
