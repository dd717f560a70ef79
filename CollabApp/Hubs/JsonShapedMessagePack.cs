using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using MessagePack;
using MessagePack.Formatters;

namespace CollabApp.Hubs;

/// <summary>
/// The MessagePack form of the hub's values: every argument, result and event is first written by the JSON hub
/// protocol's own serializer and its JSON shape is then written as MessagePack (objects as maps with the same camelCase
/// string keys, arrays, strings, numbers, booleans, nil). So a value means the same under both protocols by
/// construction: timestamps stay ISO-8601 strings, operations stay the JSON arrays of docs/protocol.md, and a client
/// decodes MessagePack with no knowledge of .NET types. Incoming values take the opposite way: MessagePack is read into
/// JSON and bound by the same serializer, so a value refused under JSON is refused the same way here.
/// </summary>
public static class JsonShapedMessagePack
{
    /// <summary>Serializer options for <c>MessagePackHubProtocolOptions.SerializerOptions</c>.</summary>
    public static MessagePackSerializerOptions Options(JsonSerializerOptions json) =>
        MessagePackSerializerOptions.Standard
            .WithResolver(new Resolver(json))
            .WithSecurity(MessagePackSecurity.UntrustedData);

    private sealed class Resolver(JsonSerializerOptions json) : IFormatterResolver
    {
        private readonly ConcurrentDictionary<Type, object> _formatters = new();

        public IMessagePackFormatter<T> GetFormatter<T>() =>
            (IMessagePackFormatter<T>)_formatters.GetOrAdd(typeof(T), static (_, options) => new Formatter<T>(options), json);
    }

    private sealed class Formatter<T>(JsonSerializerOptions json) : IMessagePackFormatter<T>
    {
        public void Serialize(ref MessagePackWriter writer, T value, MessagePackSerializerOptions options) =>
            Write(ref writer, JsonSerializer.SerializeToElement(value, json));

        public T Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Transcode(ref reader, writer, options);
            }
            return JsonSerializer.Deserialize<T>(buffer.WrittenSpan, json)!;
        }
    }

    private static void Write(ref MessagePackWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var count = 0;
                foreach (var _ in element.EnumerateObject())
                {
                    count++;
                }
                writer.WriteMapHeader(count);
                foreach (var property in element.EnumerateObject())
                {
                    writer.Write(property.Name);
                    Write(ref writer, property.Value);
                }
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    Write(ref writer, item);
                }
                break;
            case JsonValueKind.String:
                writer.Write(element.GetString());
                break;
            case JsonValueKind.Number when element.TryGetInt64(out var integer):
                writer.Write(integer);
                break;
            case JsonValueKind.Number when element.TryGetUInt64(out var large):
                writer.Write(large);
                break;
            case JsonValueKind.Number:
                writer.Write(element.GetDouble());
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }

    // MessagePack values without a JSON form (binary, extensions such as timestamps, non-string map keys) are refused:
    // the JSON protocol has no way to send them either.
    private static void Transcode(ref MessagePackReader reader, Utf8JsonWriter json, MessagePackSerializerOptions options)
    {
        options.Security.DepthStep(ref reader);
        try
        {
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Map:
                    var properties = reader.ReadMapHeader();
                    json.WriteStartObject();
                    for (var i = 0; i < properties; i++)
                    {
                        if (reader.NextMessagePackType != MessagePackType.String)
                        {
                            throw new MessagePackSerializationException("map keys must be strings, as in JSON");
                        }
                        json.WritePropertyName(reader.ReadString()!);
                        Transcode(ref reader, json, options);
                    }
                    json.WriteEndObject();
                    break;
                case MessagePackType.Array:
                    var items = reader.ReadArrayHeader();
                    json.WriteStartArray();
                    for (var i = 0; i < items; i++)
                    {
                        Transcode(ref reader, json, options);
                    }
                    json.WriteEndArray();
                    break;
                case MessagePackType.String:
                    json.WriteStringValue(reader.ReadString());
                    break;
                case MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64:
                    json.WriteNumberValue(reader.ReadUInt64());
                    break;
                case MessagePackType.Integer:
                    json.WriteNumberValue(reader.ReadInt64());
                    break;
                case MessagePackType.Float:
                    var number = reader.ReadDouble();
                    if (!double.IsFinite(number))
                    {
                        throw new MessagePackSerializationException("numbers must be finite, as in JSON");
                    }
                    json.WriteNumberValue(number);
                    break;
                case MessagePackType.Boolean:
                    json.WriteBooleanValue(reader.ReadBoolean());
                    break;
                case MessagePackType.Nil:
                    reader.ReadNil();
                    json.WriteNullValue();
                    break;
                default:
                    throw new MessagePackSerializationException($"a MessagePack {reader.NextMessagePackType} value has no JSON form");
            }
        }
        finally
        {
            reader.Depth--;
        }
    }
}
