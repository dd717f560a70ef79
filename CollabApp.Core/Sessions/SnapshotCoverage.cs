using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Todos;

namespace CollabApp.Core.Sessions;

/// <summary>
/// Which durable events a snapshot already shows. A snapshot is read piece by piece after the newest event id, so
/// events committed meanwhile can be both in its state and among the live events that follow; this recognises them
/// (a message it lists, an edit or deletion it shows, an operation at or below its document revision, a to-do change at or below the version it
/// shows), so a joiner receives each event once. Anything it cannot place is delivered.
/// </summary>
public sealed class SnapshotCoverage
{
    private readonly Dictionary<string, ChatMessage> _messages;
    private readonly Dictionary<string, int> _todoVersions;
    private readonly int _revision;

    public SnapshotCoverage(RoomState state)
    {
        _messages = state.Messages.ToDictionary(m => m.Id, StringComparer.Ordinal);
        _todoVersions = state.Todos.ToDictionary(t => t.Id, t => t.Version, StringComparer.Ordinal);
        _revision = state.Document.Revision;
    }

    public bool Covers(RoomEvent roomEvent) => roomEvent.Data switch
    {
        ChatMessage message => _messages.ContainsKey(message.Id),
        // Shown already when applying it to the message the snapshot lists changes nothing.
        MessageChange change => _messages.TryGetValue(change.Message.Id, out var shown) && MessageChanges.Apply(shown, change) == shown,
        OperationCommitted operation => operation.Revision <= _revision,
        // A deleted item the snapshot still shows was deleted after it was read; one it does not show is passed on
        // (the client ignores a delete of an item it does not have).
        TodoChange change => change.Kind != TodoChange.Deleted
            && _todoVersions.TryGetValue(change.Item.Id, out var version)
            && change.Item.Version <= version,
        _ => false,
    };
}
