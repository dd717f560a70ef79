using CollabApp.Components.Shared;
using CollabApp.Core.Chat;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;

namespace CollabApp.Components.Rooms;

/// <summary>
/// What the room pages of this instance hold of a snapshot, held once (issue 13). Each page joins on its own and
/// decodes its own snapshot: fifty messages, the to-dos and the document's text, each page a copy of the same values.
/// A page keeps the messages and to-dos for as long as it shows them, so a room's viewers on one instance now share
/// one instance of each, with its strings, and one document text while they joined at the same revision.
/// </summary>
public sealed class SharedRoomState
{
    private readonly SharedInstances<ChatMessage> _messages = new();
    private readonly SharedInstances<TodoItem> _todos = new();
    private readonly SharedInstances<string> _texts = new();

    public RoomState Share(RoomState state) => state with
    {
        Messages = [.. state.Messages.Select(_messages.Share)],
        Todos = [.. state.Todos.Select(_todos.Share)],
        Document = state.Document with { Text = _texts.Share(state.Document.Text) },
    };
}
