using CollabApp.Core.Chat;
using CollabApp.Core.Events;
using CollabApp.Core.Sessions;
using CollabApp.Hosting;

namespace CollabApp.Tests.Core.Chat;

public sealed class MessageChangesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ChatMessage Original = new("m1", "lobby", "c1", "u1", "ann", "original", At, "1000-0");

    private static MessageChange Edit(string eventId, string text) =>
        new(MessageChange.Edited, Original with { Text = text, EditedAt = At.AddMinutes(1), ChangeEventId = eventId });

    private static MessageChange Delete(string eventId) =>
        new(MessageChange.Deleted, MessageChanges.Redacted(Original) with { ChangeEventId = eventId });

    [Fact]
    public void Changes_AppliedInAnyOrderAndRepeated_EndTheSame()
    {
        MessageChange[] changes = [Edit("2000-0", "second"), Edit("3000-1", "third"), Edit("3000-0", "between")];
        var expected = changes.Aggregate(Original, MessageChanges.Apply);

        foreach (var order in new[] { new[] { 2, 1, 0 }, [1, 0, 2], [0, 0, 1, 1, 2, 2], [1, 2, 0, 1] })
        {
            Assert.Equal(expected, order.Select(i => changes[i]).Aggregate(Original, MessageChanges.Apply));
        }
        Assert.Equal("third", expected.Text);
        Assert.Equal("3000-1", expected.ChangeEventId);
        Assert.NotNull(expected.EditedAt);
    }

    [Fact]
    public void ADeletion_WinsOverAnyEdit_AndIsFinal()
    {
        var deletedFirst = new[] { Delete("2000-0"), Edit("3000-0", "later edit") }.Aggregate(Original, MessageChanges.Apply);
        var editedFirst = new[] { Edit("3000-0", "later edit"), Delete("2000-0") }.Aggregate(Original, MessageChanges.Apply);

        Assert.Equal(deletedFirst, editedFirst);
        Assert.True(deletedFirst.Deleted);
        Assert.Equal("", deletedFirst.Text);
        Assert.Null(deletedFirst.EditedAt);
    }

    [Fact]
    public void AChangeWithoutAnEventId_ChangesNothing()
    {
        Assert.Same(Original, MessageChanges.Apply(Original, Edit(null!, "unstamped")));
    }

    [Fact]
    public void TheLog_StampsTheChangesEventId_IntoTheMessage()
    {
        var committed = RoomEvents.Committed(new EventId(5, 7), "lobby", ChatEventTypes.MessageChange, At, Edit("ignored", "x"));

        Assert.Equal("5-7", ((MessageChange)committed.Data).Message.ChangeEventId);
        Assert.Equal(typeof(MessageChange), CollabEventTypes.Catalog.DataType(ChatEventTypes.MessageChange));
    }

    [Fact]
    public void ReplayRedaction_HidesTheTextOfMessagesDeletedInTheSameReplay_Only()
    {
        var other = Original with { Id = "m2", Text = "still here", EventId = "1500-0" };
        RoomEvent[] events =
        [
            RoomEvents.Committed(new EventId(1000, 0), "lobby", ChatEventTypes.Message, At, Original),
            RoomEvents.Committed(new EventId(1500, 0), "lobby", ChatEventTypes.Message, At, other),
            RoomEvents.Committed(new EventId(2000, 0), "lobby", ChatEventTypes.MessageChange, At, Edit("x", "edited secret")),
            RoomEvents.Committed(new EventId(3000, 0), "lobby", ChatEventTypes.MessageChange, At, Delete("x")),
        ];

        var replay = ReplayRedaction.Apply(events);

        Assert.Equal(events.Select(e => e.EventId), replay.Select(e => e.EventId));
        Assert.Equal("", ((ChatMessage)replay[0].Data).Text);
        Assert.True(((ChatMessage)replay[0].Data).Deleted);
        Assert.Equal("still here", ((ChatMessage)replay[1].Data).Text);
        Assert.Equal("", ((MessageChange)replay[2].Data).Message.Text);
        Assert.Same(events[3], replay[3]);
        Assert.Same(events[1], replay[1]);
    }
}

public sealed class MessageChangeCoverageTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ChatMessage Edited = new("m1", "lobby", "c1", "u1", "ann", "edited", At, "1000-0", At, false, "2000-0");

    [Fact]
    public void ASnapshot_CoversTheChangesItShows_AndPassesOnTheRest()
    {
        var coverage = new SnapshotCoverage(new RoomState("lobby", "Lobby", [], [Edited], [], new CollabApp.Core.Documents.DocumentState(0, "")));
        RoomEvent Change(string kind, ChatMessage message, long ms) =>
            RoomEvents.Committed(new EventId(ms, 0), "lobby", ChatEventTypes.MessageChange, At, new MessageChange(kind, message));

        Assert.True(coverage.Covers(Change(MessageChange.Edited, Edited with { Text = "older" }, 1500)));
        Assert.True(coverage.Covers(Change(MessageChange.Edited, Edited, 2000)));
        Assert.False(coverage.Covers(Change(MessageChange.Edited, Edited with { Text = "newer" }, 2500)));
        Assert.False(coverage.Covers(Change(MessageChange.Deleted, MessageChanges.Redacted(Edited), 2600)));
        Assert.False(coverage.Covers(Change(MessageChange.Edited, Edited with { Id = "unknown" }, 2700)));
    }
}
