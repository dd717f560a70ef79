using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
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
        _ => null,
    };
}
