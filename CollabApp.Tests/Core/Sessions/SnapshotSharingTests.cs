using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;

namespace CollabApp.Tests.Core.Sessions;

/// <summary>
/// The joins of one instance hold one instance of each message, to-do and document text of their snapshots (issue 13),
/// and never one that differs from what their own snapshot says.
/// </summary>
public sealed class SnapshotSharingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    // What each page decodes for itself: equal values, distinct instances down to the strings.
    private static string Fresh(string text) => new(text.AsSpan());

    private static ChatMessage Message(int i, string text) =>
        new(Fresh($"m{i}"), Fresh("room-1"), Fresh($"c{i}"), Fresh("id-ann"), Fresh("ann"), Fresh(text), At, Fresh($"1-{i}"));

    private static RoomState Snapshot(string secondText = "second", int revision = 7) => new(
        Fresh("room-1"),
        Fresh("Room"),
        [new PresenceEntry("id-ann", "ann", PresenceStatus.Online, 1, At)],
        [Message(1, "first"), Message(2, secondText)],
        [new TodoItem(Fresh("t1"), Fresh("Write the notes"), false, 1, 3, At, Fresh("id-ann"))],
        new DocumentState(revision, Fresh("Line 1: the notes")))
    {
        TodosTotal = 40,
    };

    [Fact]
    public void TwoPagesJoiningTheSameRoom_HoldOneInstanceOfEachValue()
    {
        var shared = new SnapshotSharing();

        var first = shared.Share(Snapshot());
        var second = shared.Share(Snapshot());

        Assert.Equal(2, second.Messages.Count);
        Assert.All(second.Messages.Zip(first.Messages), pair => Assert.Same(pair.Second, pair.First));
        Assert.Same(first.Todos[0], second.Todos[0]);
        Assert.Same(first.Document.Text, second.Document.Text);
        Assert.Equal(40, second.TodosTotal);
        Assert.Equal(["first", "second"], second.Messages.Select(m => m.Text));
        Assert.Equal(new DocumentState(7, "Line 1: the notes"), second.Document);
        Assert.Equal(("room-1", "Room"), (second.RoomId, second.Name));
    }

    [Fact]
    public void AValueThatDiffers_IsThePagesOwn()
    {
        var shared = new SnapshotSharing();
        var first = shared.Share(Snapshot());

        var edited = shared.Share(Snapshot(secondText: "second, edited", revision: 8) with
        {
            Document = new DocumentState(8, Fresh("Line 1: the notes, longer")),
        });

        Assert.Same(first.Messages[0], edited.Messages[0]);
        Assert.NotSame(first.Messages[1], edited.Messages[1]);
        Assert.Equal("second, edited", edited.Messages[1].Text);
        Assert.Equal(new DocumentState(8, "Line 1: the notes, longer"), edited.Document);
    }
}
