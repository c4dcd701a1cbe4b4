using System.Runtime.Serialization;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>
/// A type a crafted message names: each of its constructors counts, so a test sees whether anything created one.
/// The parameterless constructor is what Newtonsoft.Json and Akka.Remote's protobuf serializer call; the
/// serialization constructor is what Akka.Remote's exception support calls.
/// </summary>
public sealed class Tripwire
{
    private static int _created;

    /// <summary>Created by a deserializer that trusted a type name.</summary>
    public Tripwire() => Interlocked.Increment(ref _created);

    /// <summary>Created by Akka.Remote's exception support from a type name on the wire.</summary>
    public Tripwire(SerializationInfo info, StreamingContext context) => Interlocked.Increment(ref _created);

    /// <summary>How many were created since the last <see cref="Reset"/>.</summary>
    public static int Created => Volatile.Read(ref _created);

    /// <summary>The name a crafted message gives it.</summary>
    public static string TypeName => $"{typeof(Tripwire).FullName}, {typeof(Tripwire).Assembly.GetName().Name}";

    /// <summary>Starts counting from zero.</summary>
    public static void Reset() => Interlocked.Exchange(ref _created, 0);
}
