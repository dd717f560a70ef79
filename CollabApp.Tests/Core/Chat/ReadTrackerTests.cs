using CollabApp.Components.Chat;
using CollabApp.Core.Chat;
using CollabApp.Core.Events;

namespace CollabApp.Tests.Core.Chat;

public sealed class ReadTrackerTests
{
    private static ChatEntry Entry(string id, string userId, string eventId) =>
        new(id, "c-" + id, userId, userId, "text", DateTimeOffset.UnixEpoch, ChatEntryState.Confirmed) { EventId = eventId };

    private static readonly ChatEntry[] Entries =
    [
        Entry("m1", "bob", "100-0"),
        Entry("m2", "me", "200-0"),
        Entry("m3", "bob", "300-0"),
        Entry("m4", "bob", "300-1"),
    ];

    [Fact]
    public void TheSeparator_GoesBeforeTheFirstMessageFromSomeoneElse_AfterTheMarker()
    {
        var tracker = new ReadTracker("me");

        tracker.Load(new ReadMarker("m1", new EventId(100, 0)));

        Assert.Equal("m3", tracker.SeparatorBeforeKey(Entries));
        Assert.Equal(("m4", new EventId(300, 1)), tracker.Due(Entries));
        // Reading does not move the separator while the room is open.
        tracker.Marked(new EventId(300, 1));
        Assert.Equal("m3", tracker.SeparatorBeforeKey(Entries));
        Assert.Null(tracker.Due(Entries));
    }

    [Fact]
    public void AFirstVisit_HasNoSeparator_AndNothingIsDueBeforeLoading()
    {
        var tracker = new ReadTracker("me");
        Assert.Null(tracker.Due(Entries));

        tracker.Load(null);

        Assert.Null(tracker.SeparatorBeforeKey(Entries));
        Assert.Equal("m4", tracker.Due(Entries)!.Value.MessageId);
    }

    [Fact]
    public void TheMarker_NeverMovesBack_AndPendingMessagesAreNeverDue()
    {
        var tracker = new ReadTracker("me");
        tracker.Load(ReadMarker.Start);
        Assert.Equal("m1", tracker.SeparatorBeforeKey(Entries));

        tracker.Marked(new EventId(300, 1));
        tracker.Marked(new EventId(100, 0));

        Assert.Null(tracker.Due(Entries));
        var withPending = Entries.Append(new ChatEntry("pending-x", "x", "me", "me", "t", DateTimeOffset.UnixEpoch, ChatEntryState.Sending));
        Assert.Null(tracker.Due(withPending));
    }
}
