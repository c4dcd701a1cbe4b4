namespace ActorTuner.Benchmarks.Tasks.Tabular;

/// <summary>
/// A tabular manifest or table that cannot be used. The message says which file, where in it (a JSON key
/// such as <c>params[2].values</c>, or a line of the CSV) and what was expected there.
/// </summary>
public sealed class TabularFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> at <paramref name="location"/>.</summary>
    public TabularFormatException(string file, string location, string problem, Exception? innerException = null)
        : base($"{file}: {location}: {problem}", innerException)
    {
        File = file;
        Location = location;
        Problem = problem;
    }

    /// <summary>Creates an empty exception.</summary>
    public TabularFormatException()
        : this(string.Empty, string.Empty, string.Empty)
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public TabularFormatException(string message)
        : this(string.Empty, string.Empty, message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public TabularFormatException(string message, Exception innerException)
        : this(string.Empty, string.Empty, message, innerException)
    {
    }

    /// <summary>The file at fault.</summary>
    public string File { get; }

    /// <summary>Where in the file: <c>key 'params[0].values'</c> or <c>line 17</c>.</summary>
    public string Location { get; }

    /// <summary>What was wrong and what was expected.</summary>
    public string Problem { get; }
}
