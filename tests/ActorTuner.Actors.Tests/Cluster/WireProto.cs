using Google.Protobuf;

namespace ActorTuner.Actors.Tests.Cluster;

/// <summary>Protobuf written field by field, as a hostile peer would write Akka.Remote's messages.</summary>
public static class WireProto
{
    /// <summary>
    /// A message of the given fields, in order: a string or a byte array is length-delimited, an int a varint.
    /// </summary>
    public static byte[] Message(params (int Field, object Value)[] fields)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        foreach (var (field, value) in fields)
        {
            switch (value)
            {
                case string text:
                    output.WriteTag(field, WireFormat.WireType.LengthDelimited);
                    output.WriteString(text);
                    break;
                case byte[] bytes:
                    output.WriteTag(field, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFrom(bytes));
                    break;
                case int number:
                    output.WriteTag(field, WireFormat.WireType.Varint);
                    output.WriteInt32(number);
                    break;
                default:
                    throw new ArgumentException($"no wire form for {value.GetType()}", nameof(fields));
            }
        }

        output.Flush();
        return stream.ToArray();
    }

    /// <summary>
    /// Akka.Remote's <c>ExceptionData</c> naming <paramref name="typeName"/>, with an inner exception (an empty one, as
    /// Akka writes "none": Akka reads it before it creates the outer one).
    /// </summary>
    public static byte[] ExceptionData(string typeName, byte[]? inner = null) => Message((1, typeName), (2, "crafted"), (5, inner ?? []));

    /// <summary>Akka.Remote's <c>StatusFailure</c> with <paramref name="cause"/> and an empty state (a null payload).</summary>
    public static byte[] StatusFailure(byte[] cause) => Message((1, cause), (2, Array.Empty<byte>()));
}
