using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>The chat's room events (docs/protocol.md, Events): their wire names and the records they carry.</summary>
public static class ChatEventTypes
{
    /// <summary>Durable: a new message (<see cref="ChatMessage"/>).</summary>
    public const string Message = "message";

    /// <summary>Durable: an edit or a deletion (<see cref="Chat.MessageChange"/>).</summary>
    public const string MessageChange = "messageChange";

    public static IReadOnlyList<RoomEventType> All { get; } =
    [
        RoomEventType.Of<ChatMessage>(Message),
        RoomEventType.Of<Chat.MessageChange>(MessageChange),
    ];
}
