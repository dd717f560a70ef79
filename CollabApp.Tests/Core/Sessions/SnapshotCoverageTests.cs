using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;

namespace CollabApp.Tests.Core.Sessions;

public sealed class SnapshotCoverageTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;
    private static readonly ChatMessage Shown = Message("m-shown");
    private static readonly TodoItem Task3 = new("t-1", "Buy milk", false, 1.0, 3, At, "u-alice");

    private static readonly SnapshotCoverage Coverage = new(new RoomState(
        "lobby", "Lobby", [], [Shown], [Task3], new DocumentState(7, "hello")));

    private static ChatMessage Message(string id) => new(id, "lobby", Guid.NewGuid().ToString(), "u-bob", "bob", "hi", At, "1-0");

    private static RoomEvent Durable(string type, object data) => RoomEvents.Committed(new EventId(9, 0), "lobby", type, At, data);

    private static RoomEvent Todo(string kind, int version) => Durable(TodoEventTypes.Todo, new TodoChange(kind, Task3 with { Version = version }));

    [Fact]
    public void Messages_TheSnapshotListsAreCovered_OthersAreNot()
    {
        Assert.True(Coverage.Covers(Durable(ChatEventTypes.Message, Shown)));
        Assert.False(Coverage.Covers(Durable(ChatEventTypes.Message, Message("m-new"))));
    }

    [Fact]
    public void Operations_AtOrBelowTheDocumentRevisionAreCovered()
    {
        OperationCommitted Op(int revision) => new(revision, TextOperation.Parse(System.Text.Json.JsonDocument.Parse("[5]").RootElement), "u-bob", Guid.NewGuid().ToString());
        Assert.True(Coverage.Covers(Durable(DocumentEventTypes.Operation, Op(7))));
        Assert.False(Coverage.Covers(Durable(DocumentEventTypes.Operation, Op(8))));
    }

    [Fact]
    public void TodoChanges_AtOrBelowTheShownVersionAreCovered_DeletesAndUnknownItemsAreNot()
    {
        Assert.True(Coverage.Covers(Todo(TodoChange.Updated, 3)));
        Assert.False(Coverage.Covers(Todo(TodoChange.Updated, 4)));
        Assert.False(Coverage.Covers(Todo(TodoChange.Deleted, 3)));
        Assert.False(Coverage.Covers(Durable(TodoEventTypes.Todo, new TodoChange(TodoChange.Added, Task3 with { Id = "t-2", Version = 1 }))));
    }

    [Fact]
    public void TransientEvents_AreNeverCovered()
    {
        var presence = RoomEvents.Transient("lobby", PresenceEventTypes.Presence, At, new PresenceChange("u-bob", "bob", PresenceStatus.Online));
        Assert.False(Coverage.Covers(presence));
    }
}
