using CollabApp.Core;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Tests.Contracts;

namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// What only the embedded log does: its room stream appends one event at a time, so when the stream refuses more in the
/// middle of a batch (the database is behind), what it took is committed and the rest is not.
/// </summary>
public sealed class InMemoryDocumentLogBatchTests
{
    [Fact]
    public async Task ABatchTheStreamRefusesPartWayThrough_CommitsItsLeadingPart_AndRefusesWhatIsLeft()
    {
        // Two retained events: at most one unstored, so the second operation of the batch is refused.
        var events = new InMemoryRoomEventLog(new InMemoryRoomEventBus(), new EventLogOptions { RetainedEvents = 2 }, TimeProvider.System);
        var log = new InMemoryDocumentLog(events, new DocumentOptions());
        var roomId = TestEvents.NewRoomId();
        await log.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        var first = TestEvents.Operation(1);

        var commit = await log.TryCommitAsync(roomId, 0, [first, TestEvents.Operation(2)], TestEvents.At, default).DefaultTimeout();

        Assert.Equal((DocumentCommitStatus.Committed, 1), (commit.Status, commit.Revision));
        Assert.Single(commit.EventIds!);
        Assert.Equal([first], (await log.ReadAfterAsync(roomId, 0, default).DefaultTimeout()).Operations);
        var refused = await Assert.ThrowsAsync<CollabError>(() => log.TryCommitAsync(roomId, 1, TestEvents.Operation(2), TestEvents.At, default)).DefaultTimeout();
        Assert.Equal(CollabErrorCode.Unavailable, refused.Code);
    }
}
