using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;

namespace CollabApp.Core.Events;

/// <summary>The wire names of room events and the record each one carries.</summary>
public static class RoomEventTypes
{
    public const string Message = "message";
    public const string MessageChange = "messageChange";
    public const string Todo = "todo";
    public const string Operation = "operation";
    public const string Presence = "presence";
    public const string Typing = "typing";
    public const string Cursor = "cursor";

    // Changes of the room itself (RoomRights): transient, delivered to the room's subscribers on every instance.
    public const string MemberAdded = "memberAdded";
    public const string MemberRemoved = "memberRemoved";
    public const string RoomRenamed = "roomRenamed";
    public const string RoomDeleted = "roomDeleted";

    public static bool IsDurable(string type) => type is Message or MessageChange or Todo or Operation;

    /// <summary>The CLR type of an event's data, for transports that carry events as JSON.</summary>
    public static Type? DataType(string type) => type switch
    {
        Message => typeof(ChatMessage),
        MessageChange => typeof(Chat.MessageChange),
        Todo => typeof(TodoChange),
        Operation => typeof(OperationCommitted),
        Presence => typeof(PresenceChange),
        Typing => typeof(TypingNotice),
        Cursor => typeof(CursorMoved),
        MemberAdded or MemberRemoved => typeof(MemberChange),
        RoomRenamed => typeof(Rooms.RoomRenamed),
        RoomDeleted => typeof(Rooms.RoomDeleted),
        _ => null,
    };
}
