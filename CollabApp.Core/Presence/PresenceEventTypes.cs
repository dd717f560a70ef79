using CollabApp.Core.Events;

namespace CollabApp.Core.Presence;

/// <summary>Who is here and who is typing (docs/protocol.md, Events): the wire names and the records they carry.</summary>
public static class PresenceEventTypes
{
    /// <summary>Transient: a user's status in a room changed (<see cref="PresenceChange"/>).</summary>
    public const string Presence = "presence";

    /// <summary>Transient: someone is typing a chat message (<see cref="TypingNotice"/>).</summary>
    public const string Typing = "typing";

    public static IReadOnlyList<RoomEventType> All { get; } =
    [
        RoomEventType.Of<PresenceChange>(Presence),
        RoomEventType.Of<TypingNotice>(Typing),
    ];
}
