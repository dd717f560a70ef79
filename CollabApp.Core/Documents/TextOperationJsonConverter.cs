using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CollabApp.Core.Documents;

/// <summary>
/// Writes a <see cref="TextOperation"/> as the array of docs/protocol.md (<c>[5,"abc",-3]</c>) wherever
/// System.Text.Json serialises one (hub messages, Redis payloads), and reads it with the same
/// validation as <see cref="TextOperation.Parse"/>, reporting refusals as <see cref="JsonException"/>.
/// A JSON <c>null</c> is refused too rather than read as a null operation: an op is never optional
/// on the wire, and refusing here keeps a null out of the sequencer.
/// </summary>
public sealed class TextOperationJsonConverter : JsonConverter<TextOperation>
{
    public override bool HandleNull => true;

    public override TextOperation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return TextOperation.Parse(document.RootElement);
        }
        catch (CollabError error)
        {
            throw new JsonException(error.Message, error);
        }
    }

    public override void Write(Utf8JsonWriter writer, TextOperation? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }
        WriteOperation(writer, value);
    }

    internal static void WriteOperation(Utf8JsonWriter writer, TextOperation operation)
    {
        writer.WriteStartArray();
        foreach (var component in operation.Components)
        {
            switch (component)
            {
                case Retain r:
                    writer.WriteNumberValue(r.Count);
                    break;
                case Delete d:
                    writer.WriteNumberValue(-d.Count);
                    break;
                case Insert i:
                    writer.WriteStringValue(i.Text);
                    break;
            }
        }
        writer.WriteEndArray();
    }

    internal static string ToJson(TextOperation operation)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteOperation(writer, operation);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
