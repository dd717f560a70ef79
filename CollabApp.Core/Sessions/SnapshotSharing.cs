using CollabApp.Core.Chat;
using CollabApp.Core.Sharing;
using CollabApp.Core.Todos;

namespace CollabApp.Core.Sessions;

/// <summary>
/// The values of the snapshots this instance reads, held once (issue 13). Every join reads and decodes its own snapshot:
/// fifty messages, the to-dos and the document's text, a copy of the same values for each of a room's viewers. A room
/// page then keeps them for as long as it is open (its panels show them, its session and its queue's snapshot
/// coverage refer to them), so the viewers of a room on one instance now share one instance of each message and to-do,
/// with their strings, and one document text while they joined at the same revision.
/// </summary>
public sealed class SnapshotSharing
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
