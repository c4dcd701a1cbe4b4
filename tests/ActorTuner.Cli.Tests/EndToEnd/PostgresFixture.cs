using ActorTuner.Testing;

namespace ActorTuner.Cli.Tests.EndToEnd;

/// <summary>One real PostgreSQL server for a test class (each test makes a database of its own); stopped after the class.</summary>
public sealed class PostgresFixture : IDisposable
{
    public PostgresServer Server { get; } = new();

    public void Dispose() => Server.Dispose();
}
