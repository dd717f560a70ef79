using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CollabApp.Core.Events;

/// <summary>
/// The JSON form of a <see cref="RoomEvent"/> for transports between instances (Redis pub/sub payloads and
/// stream entries): <c>{ "eventId", "roomId", "type", "at", "data" }</c>, camelCase, the wire envelope of
/// docs/protocol.md. <see cref="RoomEvent.Data"/> is read back as the record the <see cref="RoomEventCatalog"/>
/// names for its type, so a round trip yields an equal event.
/// </summary>
public static class RoomEventJson
{
    // Text as UTF-8, not \uXXXX: a CJK character is 3 bytes instead of 6 in every stream entry and bus message. The
    // default encoder escapes non-ASCII (and <, >, &) so its output may be pasted into HTML; this JSON never is (it goes
    // to Redis and back into this class, and the hub re-serializes events with its own options), so the relaxed
    // encoder is safe here. It still escapes quotes, backslashes and control characters, so the JSON stays valid.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = Encoder };
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    /// <summary>The whole envelope; a transient event's <c>eventId</c> is null.</summary>
    public static string Serialize(RoomEvent roomEvent) =>
        Write(roomEvent.EventId, roomEvent.RoomId, roomEvent.Type, roomEvent.At, roomEvent.Data, writeId: true);

    /// <summary>
    /// The envelope without <c>eventId</c>, for a durable event whose id the log has yet to assign (a Redis
    /// script adds it, from the stream entry it creates).
    /// </summary>
    public static string SerializeUncommitted(string roomId, string type, DateTimeOffset at, object data) =>
        Write(null, roomId, type, at, data, writeId: false);

    /// <summary>The UTF-8 bytes of <see cref="SerializeUncommitted"/>'s output: what the event costs a log to keep.</summary>
    public static int UncommittedByteCount(string roomId, string type, DateTimeOffset at, object data) =>
        WriteUtf8(null, roomId, type, at, data, writeId: false).WrittenCount;

    /// <summary>
    /// Reads an envelope. <paramref name="eventId"/>, when given, is the id to use instead of the payload's
    /// (a stream entry stores its id outside the payload). A committed event is rebuilt by
    /// <see cref="RoomEvents.Committed"/>, so records that carry their own event id carry this one.
    /// </summary>
    /// <exception cref="JsonException">Not an envelope, or a type no feature registered in <paramref name="types"/>.</exception>
    public static RoomEvent Deserialize(string json, RoomEventCatalog types, string? eventId = null)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement, types, eventId);
    }

    private static RoomEvent Read(JsonElement root, RoomEventCatalog types, string? eventId)
    {
        var type = root.GetProperty("type").GetString() ?? throw new JsonException("event type is null");
        var dataType = types.DataType(type) ?? throw new JsonException($"unknown event type '{type}'");
        var roomId = root.GetProperty("roomId").GetString() ?? throw new JsonException("roomId is null");
        var at = root.GetProperty("at").GetDateTimeOffset();
        var data = root.GetProperty("data").Deserialize(dataType, Options) ?? throw new JsonException("event data is null");
        eventId ??= root.TryGetProperty("eventId", out var idElement) && idElement.ValueKind == JsonValueKind.String
            ? idElement.GetString()
            : null;
        if (eventId is null)
        {
            return RoomEvents.Transient(roomId, type, at, data);
        }
        if (!EventId.TryParse(eventId, out var id))
        {
            throw new JsonException($"malformed event id '{eventId}'");
        }
        return RoomEvents.Committed(id, roomId, type, at, data);
    }

    /// <summary>
    /// Reads an envelope as the bus carries it: a durable event's also names its predecessor in the room's stream
    /// (<c>previousEventId</c>, empty for the first of a stream).
    /// </summary>
    /// <exception cref="JsonException">Not an envelope, or a type no feature registered in <paramref name="types"/>.</exception>
    public static BusMessage DeserializePublished(string json, RoomEventCatalog types)
    {
        // Parsed once: this runs for every event on every instance.
        using var document = JsonDocument.Parse(json);
        var roomEvent = Read(document.RootElement, types, null);
        if (!roomEvent.IsDurable)
        {
            return new BusMessage(roomEvent, null);
        }
        var previous = document.RootElement.TryGetProperty("previousEventId", out var element) && element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : null;
        return new BusMessage(roomEvent, EventId.TryParse(previous, out var id) ? id : null);
    }

    private static string Write(string? eventId, string roomId, string type, DateTimeOffset at, object data, bool writeId) =>
        Encoding.UTF8.GetString(WriteUtf8(eventId, roomId, type, at, data, writeId).WrittenSpan);

    private static ArrayBufferWriter<byte> WriteUtf8(string? eventId, string roomId, string type, DateTimeOffset at, object data, bool writeId)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            if (writeId)
            {
                writer.WriteString("eventId", eventId);
            }
            writer.WriteString("roomId", roomId);
            writer.WriteString("type", type);
            writer.WriteString("at", at);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, data, data.GetType(), Options);
            writer.WriteEndObject();
        }
        return buffer;
    }
}
