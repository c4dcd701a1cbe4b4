namespace ActorTuner.Examples;

/// <summary>The examples executable: dispatches on the first argument.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return 0;
    }
}
