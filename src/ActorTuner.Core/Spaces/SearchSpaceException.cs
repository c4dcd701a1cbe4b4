namespace ActorTuner.Core.Spaces;

/// <summary>A search-space definition that cannot be used; the message names the parameter and what is wrong.</summary>
public sealed class SearchSpaceException : Exception
{
    /// <summary>Creates the exception for <paramref name="parameter"/>.</summary>
    public SearchSpaceException(string parameter, string problem)
        : base($"parameter '{parameter}': {problem}")
    {
        Parameter = parameter;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public SearchSpaceException(string message)
        : base(message)
    {
        Parameter = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public SearchSpaceException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = string.Empty;
        Problem = message;
    }

    /// <summary>Creates an empty exception.</summary>
    public SearchSpaceException()
    {
        Parameter = string.Empty;
        Problem = string.Empty;
    }

    /// <summary>The parameter at fault (empty when the problem is with the whole space).</summary>
    public string Parameter { get; }

    /// <summary>What is wrong, without the parameter's name.</summary>
    public string Problem { get; }
}
