using CollabApp.Core.Events;

namespace CollabApp.Hubs;

/// <summary>The wire form of <c>roomEvent(envelope)</c> (docs/protocol.md).</summary>
public sealed record RoomEventEnvelope(string? EventId, string RoomId, string Type, DateTimeOffset At, object Data)
{
    /// <summary>The client method every room event is sent to.</summary>
    public const string ClientMethod = "roomEvent";

    public static RoomEventEnvelope From(RoomEvent roomEvent) =>
        new(roomEvent.EventId, roomEvent.RoomId, roomEvent.Type, roomEvent.At, roomEvent.Data);
}
