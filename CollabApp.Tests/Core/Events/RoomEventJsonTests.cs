using System.Text.Json;
using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Todos;
using CollabApp.Hosting;

namespace CollabApp.Tests.Core.Events;

public class RoomEventJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 17, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, bool, object> EveryType => new()
    {
        { ChatEventTypes.Message, true, new ChatMessage("m1", "lobby", "c1", "u1", "ann", "hi \ud83d\ude00", At, null) },
        { TodoEventTypes.Todo, true, new TodoChange(TodoChange.Updated, new TodoItem("t1", "milk", true, 1.5, 3, At, "u1")) },
        { DocumentEventTypes.Operation, true, new OperationCommitted(7, new TextOperation.Builder().Retain(5).Insert("abc").Delete(3).Build(), "u1", "c2") },
        { PresenceEventTypes.Presence, false, new PresenceChange("u1", "ann", PresenceStatus.Away) },
        { PresenceEventTypes.Typing, false, new TypingNotice("u1", "ann") },
        { DocumentEventTypes.Cursor, false, new CursorMoved("u1", "ann", 7, 2, 4) },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Serialize_ThenDeserialize_GivesAnEqualEvent(string type, bool durable, object data)
    {
        var roomEvent = durable
            ? RoomEvents.Committed(new EventId(1732890000000, 2), "lobby", type, At, data)
            : RoomEvents.Transient("lobby", type, At, data);

        Assert.Equal(roomEvent, RoomEventJson.Deserialize(RoomEventJson.Serialize(roomEvent), CollabEventTypes.Catalog));
    }

    [Fact]
    public void Serialize_WritesTheWireEnvelope_CamelCase()
    {
        var roomEvent = RoomEvents.Committed(new EventId(1732890000000, 0), "lobby", DocumentEventTypes.Operation, At,
            new OperationCommitted(1, new TextOperation.Builder().Insert("a").Build(), "u1", "c1"));

        using var json = JsonDocument.Parse(RoomEventJson.Serialize(roomEvent));

        Assert.Equal("1732890000000-0", json.RootElement.GetProperty("eventId").GetString());
        Assert.Equal("operation", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("""["a"]""", json.RootElement.GetProperty("data").GetProperty("op").GetRawText());
    }

    [Fact]
    public void SerializeUncommitted_WritesNonAsciiAsUtf8_NotEscaped_AndCountsItsBytes()
    {
        var operation = new OperationCommitted(1, new TextOperation.Builder().Insert(new string('漢', 1_000) + "\"\n").Build(), "u1", "c1");

        var payload = RoomEventJson.SerializeUncommitted("lobby", DocumentEventTypes.Operation, At, operation);

        Assert.Contains(new string('漢', 1_000), payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", payload, StringComparison.Ordinal);
        Assert.Contains("\\\"\\n", payload, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(payload), RoomEventJson.UncommittedByteCount("lobby", DocumentEventTypes.Operation, At, operation));
        Assert.Equal(operation, RoomEventJson.Deserialize(payload, CollabEventTypes.Catalog, "1-0").Data);
    }

    [Fact]
    public void Deserialize_AnUncommittedPayloadWithAnId_StampsTheIdOnTheMessage()
    {
        var message = new ChatMessage("m1", "lobby", "c1", "u1", "ann", "hi", At, null);
        var payload = RoomEventJson.SerializeUncommitted("lobby", ChatEventTypes.Message, At, message);

        var roomEvent = RoomEventJson.Deserialize(payload, CollabEventTypes.Catalog, "5-1");

        Assert.Equal("5-1", roomEvent.EventId);
        Assert.Equal("5-1", Assert.IsType<ChatMessage>(roomEvent.Data).EventId);
    }

    [Fact]
    public void Deserialize_AnUnknownType_Throws() =>
        Assert.Throws<JsonException>(() => RoomEventJson.Deserialize("""{"eventId":null,"roomId":"lobby","type":"nope","at":"2026-11-29T17:00:00Z","data":{}}""", CollabEventTypes.Catalog));
}
