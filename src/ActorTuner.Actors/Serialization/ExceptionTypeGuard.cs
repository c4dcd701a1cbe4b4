using System.Runtime.Serialization;
using Google.Protobuf;

namespace ActorTuner.Actors.Serialization;

/// <summary>
/// Checks the exceptions inside an Akka.Remote message before Akka reads them. Akka.Remote 1.5.73's
/// <c>ExceptionSupport</c> resolves the type name an <c>ExceptionData</c> carries and calls that type's
/// <c>(SerializationInfo, StreamingContext)</c> constructor before it checks that the result is an exception, so a
/// peer could create any type with such a constructor (dictionaries, data sets, ...). This walks the protobuf form
/// (cause, inner exceptions, and exceptions nested in custom fields) and refuses every type name that does not
/// resolve, as Akka would resolve it, to an <see cref="Exception"/>; nothing is created while checking.
/// </summary>
internal static class ExceptionTypeGuard
{
    // Field numbers of Akka.Remote's ContainerFormats.proto (ExceptionData, Payload), fixed by its wire format.
    private const int TypeNameField = 1;
    private const int InnerExceptionField = 5;
    private const int CustomFieldsField = 6;
    private const int TypeForwardedFromField = 7;
    private const int MapValueField = 2;
    private const int PayloadMessageField = 1;
    private const int PayloadSerializerIdField = 2;
    private const int PayloadManifestField = 3;

    // Far deeper than any real chain of inner exceptions; a crafted one cannot exhaust the stack.
    private const int MaxDepth = 64;

    private static readonly Type? ExceptionDataType = Type.GetType("Akka.Remote.Serialization.Proto.Msg.ExceptionData, Akka.Remote", throwOnError: false);

    /// <summary>Checks the <c>ExceptionData</c> in field <paramref name="field"/> of the protobuf <paramref name="message"/>.</summary>
    /// <exception cref="SerializationException">An exception in it names a type that is not an exception, or no type.</exception>
    public static void CheckField(byte[] message, int field, string what)
    {
        try
        {
            foreach (var (number, bytes) in LengthDelimited(message))
            {
                if (number == field)
                {
                    CheckExceptionData(bytes, what, 0);
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Refuse(what, $"malformed protobuf ({e.Message})");
        }
    }

    private static void CheckExceptionData(ByteString data, string what, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Refuse(what, $"exceptions nested deeper than {MaxDepth}");
        }

        string? typeName = null;
        string? forwardedFrom = null;
        foreach (var (number, bytes) in LengthDelimited(data.ToByteArray()))
        {
            switch (number)
            {
                case TypeNameField:
                    typeName = bytes.ToStringUtf8();
                    break;
                case TypeForwardedFromField:
                    forwardedFrom = bytes.ToStringUtf8();
                    break;
                case InnerExceptionField:
                    CheckExceptionData(bytes, what, depth + 1);
                    break;
                case CustomFieldsField:
                    CheckCustomField(bytes, what, depth);
                    break;
            }
        }

        // Akka reads an empty type name as "no exception".
        if (!string.IsNullOrEmpty(typeName) && !IsException(typeName, forwardedFrom))
        {
            throw Refuse(what, $"the exception type '{WireText.Quote(typeName)}' is not an exception");
        }
    }

    // A custom field is a map entry whose value is a Payload; Akka reads an ExceptionData payload as an exception.
    private static void CheckCustomField(ByteString entry, string what, int depth)
    {
        foreach (var (number, value) in LengthDelimited(entry.ToByteArray()))
        {
            if (number != MapValueField)
            {
                continue;
            }

            ByteString? message = null;
            var serializerId = 0;
            string? manifest = null;
            var input = new CodedInputStream(value.ToByteArray());
            for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
            {
                switch (WireFormat.GetTagFieldNumber(tag), WireFormat.GetTagWireType(tag))
                {
                    case (PayloadMessageField, WireFormat.WireType.LengthDelimited):
                        message = input.ReadBytes();
                        break;
                    case (PayloadSerializerIdField, WireFormat.WireType.Varint):
                        serializerId = input.ReadInt32();
                        break;
                    case (PayloadManifestField, WireFormat.WireType.LengthDelimited):
                        manifest = input.ReadBytes().ToStringUtf8();
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }

            if (serializerId == GuardedProtobufSerializer.Id && manifest is not null && message is not null &&
                ExceptionDataType is not null && Type.GetType(manifest, throwOnError: false) == ExceptionDataType)
            {
                CheckExceptionData(message, what, depth + 1);
            }
        }
    }

    // Resolved exactly as ExceptionSupport resolves it: by name, then by name in the assembly it was forwarded from.
    private static bool IsException(string typeName, string? forwardedFrom)
    {
        var type = Type.GetType(typeName, throwOnError: false);
        var comma = typeName.IndexOf(',', StringComparison.Ordinal);
        if (type is null && !string.IsNullOrEmpty(forwardedFrom) && comma > 0)
        {
            type = Type.GetType($"{typeName[..comma]}, {forwardedFrom}", throwOnError: false);
        }

        return type is not null && typeof(Exception).IsAssignableFrom(type);
    }

    private static List<(int Number, ByteString Bytes)> LengthDelimited(byte[] message)
    {
        var input = new CodedInputStream(message);
        var fields = new List<(int Number, ByteString Bytes)>();
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                fields.Add((WireFormat.GetTagFieldNumber(tag), input.ReadBytes()));
            }
            else
            {
                input.SkipLastField();
            }
        }

        return fields;
    }

    private static SerializationException Refuse(string what, string why) =>
        new($"refused {what}: {why}; Akka.Remote would have created it from its name. Nothing was instantiated.");
}
