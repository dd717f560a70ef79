using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;

namespace CollabApp.Tests.Contracts;

/// <summary>Events and operations for the contract tests.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123);

    public static string NewRoomId() => $"room-{Guid.NewGuid():N}";

    public static AppendRequest Message(string roomId, string text, string? idempotencyKey = null)
    {
        var clientMessageId = Guid.NewGuid().ToString();
        var message = new ChatMessage(Guid.NewGuid().ToString(), roomId, clientMessageId, "u1", "ann", text, At, null);
        return new AppendRequest(roomId, ChatEventTypes.Message, message, At, idempotencyKey);
    }

    public static RoomEvent Typing(string roomId, string userId) =>
        RoomEvents.Transient(roomId, PresenceEventTypes.Typing, At, new TypingNotice(userId, "ann"));

    /// <summary>An operation that becomes <paramref name="revision"/> on a document of revision - 1 units: appends one unit.</summary>
    public static OperationCommitted Operation(int revision, string userId = "u1", string? clientOpId = null) =>
        new(revision, new TextOperation.Builder().Retain(revision - 1).Insert("x").Build(), userId, clientOpId ?? Guid.NewGuid().ToString());
}
