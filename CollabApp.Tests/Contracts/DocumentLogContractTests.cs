using CollabApp.Core.Documents;
using CollabApp.Core.Events;

namespace CollabApp.Tests.Contracts;

/// <summary>What every <see cref="IDocumentLog"/> must do: seeding, compare-and-append, duplicates, retention.</summary>
public abstract class DocumentLogContractTests
{
    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task UnseededDocument_RefusesCommits_AndHasNoHistory()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Documents;
        var roomId = TestEvents.NewRoomId();

        var commit = await log.TryCommitAsync(roomId, 0, TestEvents.Operation(1), TestEvents.At, default).DefaultTimeout();

        Assert.Equal(DocumentCommitStatus.NotSeeded, commit.Status);
        Assert.False((await log.ReadAfterAsync(roomId, 0, default).DefaultTimeout()).Seeded);
    }

    [Fact]
    public async Task Commit_OnTheHead_AdvancesIt_AndHistoryHasTheOperations()
    {
        await using var backplane = CreateBackplane(new());
        var (log, roomId) = await SeededDocumentAsync(backplane);
        var first = TestEvents.Operation(1);
        var second = TestEvents.Operation(2);

        AssertCommit(DocumentCommitStatus.Committed, 1, await log.TryCommitAsync(roomId, 0, first, TestEvents.At, default).DefaultTimeout());
        AssertCommit(DocumentCommitStatus.Committed, 2, await log.TryCommitAsync(roomId, 1, second, TestEvents.At, default).DefaultTimeout());

        var all = await log.ReadAfterAsync(roomId, 0, default).DefaultTimeout();
        Assert.Equal((true, true, 2), (all.Seeded, all.Complete, all.HeadRevision));
        Assert.Equal([first, second], all.Operations);
        Assert.Equal([second], (await log.ReadAfterAsync(roomId, 1, default).DefaultTimeout()).Operations);
        var none = await log.ReadAfterAsync(roomId, 2, default).DefaultTimeout();
        Assert.Equal((true, true, 2), (none.Seeded, none.Complete, none.HeadRevision));
        Assert.Empty(none.Operations);
        var future = await log.ReadAfterAsync(roomId, 3, default).DefaultTimeout();
        Assert.Equal((true, false, 2), (future.Seeded, future.Complete, future.HeadRevision));
    }

    [Fact]
    public async Task Commit_OnAnOldHead_IsStale_WithTheCurrentHead_AndTheOperationsItMissed()
    {
        await using var backplane = CreateBackplane(new());
        var (log, roomId) = await SeededDocumentAsync(backplane);
        var first = TestEvents.Operation(1);
        var second = TestEvents.Operation(2);
        var third = TestEvents.Operation(3);
        await log.TryCommitAsync(roomId, 0, first, TestEvents.At, default).DefaultTimeout();
        await log.TryCommitAsync(roomId, 1, second, TestEvents.At, default).DefaultTimeout();
        await log.TryCommitAsync(roomId, 2, third, TestEvents.At, default).DefaultTimeout();

        var stale = await log.TryCommitAsync(roomId, 1, TestEvents.Operation(2), TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Stale, 3, stale);
        // The refusal carries what a copy at the expected head lacks, so the caller can transform again without a read.
        Assert.NotNull(stale.Missed);
        Assert.Equal((true, true, 3), (stale.Missed.Seeded, stale.Missed.Complete, stale.Missed.HeadRevision));
        Assert.Equal([second, third], stale.Missed.Operations);
        Assert.Equal(3, (await log.ReadAfterAsync(roomId, 0, default).DefaultTimeout()).Operations.Count);
    }

    [Fact]
    public async Task Commit_OnAHeadOlderThanTheRetainedOps_IsStale_WithAnIncompleteHistory()
    {
        await using var backplane = CreateBackplane(new() { RetainedOps = 2 });
        var (log, roomId) = await SeededDocumentAsync(backplane);
        for (var revision = 1; revision <= 4; revision++)
        {
            await log.TryCommitAsync(roomId, revision - 1, TestEvents.Operation(revision), TestEvents.At, default).DefaultTimeout();
        }

        var stale = await log.TryCommitAsync(roomId, 1, TestEvents.Operation(2), TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Stale, 4, stale);
        Assert.NotNull(stale.Missed);
        Assert.False(stale.Missed.Complete);
    }

    [Fact]
    public async Task Commit_OfAClientOpCommittedBefore_IsADuplicate_WithTheFirstRevision()
    {
        await using var backplane = CreateBackplane(new());
        var (log, roomId) = await SeededDocumentAsync(backplane);
        var clientOpId = Guid.NewGuid().ToString();
        await log.TryCommitAsync(roomId, 0, TestEvents.Operation(1, "u1", clientOpId), TestEvents.At, default).DefaultTimeout();
        await log.TryCommitAsync(roomId, 1, TestEvents.Operation(2), TestEvents.At, default).DefaultTimeout();

        var retry = await log.TryCommitAsync(roomId, 2, TestEvents.Operation(3, "u1", clientOpId), TestEvents.At, default).DefaultTimeout();
        var otherUser = await log.TryCommitAsync(roomId, 2, TestEvents.Operation(3, "u2", clientOpId), TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Duplicate, 1, retry);
        AssertCommit(DocumentCommitStatus.Committed, 3, otherUser);
    }

    [Fact]
    public async Task Commit_AppendsAndPublishesTheOperationEvent()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var collector = new EventCollector();
        await using var subscription = await instance.Bus.SubscribeAsync(roomId, collector.OnEvent, default).DefaultTimeout();
        await instance.Documents.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        var operation = TestEvents.Operation(1);

        await instance.Documents.TryCommitAsync(roomId, 0, operation, TestEvents.At, default).DefaultTimeout();
        await instance.Documents.TryCommitAsync(roomId, 0, TestEvents.Operation(1), TestEvents.At, default).DefaultTimeout();

        var published = Assert.Single(await collector.DrainAsync(instance.Bus, roomId));
        Assert.Equal((DocumentEventTypes.Operation, roomId, TestEvents.At), (published.Type, published.RoomId, published.At));
        Assert.Equal(operation, published.Data);
        Assert.Equal(published.Id, await instance.Events.GetLatestIdAsync(roomId, default).DefaultTimeout());
    }

    [Fact]
    public async Task ABatch_OnTheHead_CommitsEachOperationAtTheNextRevision_AsOneEventEach_InOrder()
    {
        await using var backplane = CreateBackplane(new());
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        var collector = new EventCollector();
        await using var subscription = await instance.Bus.SubscribeAsync(roomId, collector.OnEvent, default).DefaultTimeout();
        await instance.Documents.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        await instance.Documents.TryCommitAsync(roomId, 0, TestEvents.Operation(1), TestEvents.At, default).DefaultTimeout();
        List<OperationCommitted> batch = [TestEvents.Operation(2), TestEvents.Operation(3, "u2"), TestEvents.Operation(4)];

        var commit = await instance.Documents.TryCommitAsync(roomId, 1, batch, TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Committed, 4, commit);
        Assert.Equal(3, commit.EventIds!.Count);
        Assert.Equal(batch, (await instance.Documents.ReadAfterAsync(roomId, 1, default).DefaultTimeout()).Operations);
        var published = (await collector.DrainAsync(instance.Bus, roomId)).Skip(1).ToList();
        Assert.Equal(batch, published.Select(e => e.Data));
        Assert.Equal(commit.EventIds, published.Select(e => e.Id!.Value));
    }

    [Fact]
    public async Task ABatch_WithAClientOpCommittedBefore_CommitsNothing_AndSaysWhichOneAndItsRevision()
    {
        await using var backplane = CreateBackplane(new());
        var (log, roomId) = await SeededDocumentAsync(backplane);
        var clientOpId = Guid.NewGuid().ToString();
        await log.TryCommitAsync(roomId, 0, TestEvents.Operation(1, "u1", clientOpId), TestEvents.At, default).DefaultTimeout();

        var commit = await log.TryCommitAsync(
            roomId, 1, [TestEvents.Operation(2), TestEvents.Operation(3, "u1", clientOpId), TestEvents.Operation(4)], TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Duplicate, 1, commit);
        Assert.Equal(1, commit.DuplicateIndex);
        Assert.Equal(1, (await log.ReadAfterAsync(roomId, 0, default).DefaultTimeout()).HeadRevision);
    }

    [Fact]
    public async Task ABatch_OnAnOldHead_IsStale_AndCommitsNothing()
    {
        await using var backplane = CreateBackplane(new());
        var (log, roomId) = await SeededDocumentAsync(backplane);
        var first = TestEvents.Operation(1);
        await log.TryCommitAsync(roomId, 0, first, TestEvents.At, default).DefaultTimeout();

        var stale = await log.TryCommitAsync(roomId, 0, [TestEvents.Operation(1), TestEvents.Operation(2)], TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Stale, 1, stale);
        Assert.Equal([first], stale.Missed!.Operations);
        Assert.Equal([first], (await log.ReadAfterAsync(roomId, 0, default).DefaultTimeout()).Operations);
    }

    [Fact]
    public async Task Seed_RestoresHeadAndNewestOperations_OnlyOnce()
    {
        await using var backplane = CreateBackplane(new());
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Documents;
        var roomId = TestEvents.NewRoomId();
        OperationCommitted[] newest = [TestEvents.Operation(8), TestEvents.Operation(9), TestEvents.Operation(10)];

        await log.SeedAsync(roomId, 10, newest, default).DefaultTimeout();
        await log.SeedAsync(roomId, 20, [TestEvents.Operation(20)], default).DefaultTimeout();

        var history = await log.ReadAfterAsync(roomId, 7, default).DefaultTimeout();
        Assert.Equal((true, true, 10), (history.Seeded, history.Complete, history.HeadRevision));
        Assert.Equal(newest, history.Operations);
        Assert.False((await log.ReadAfterAsync(roomId, 6, default).DefaultTimeout()).Complete);
        var retry = await log.TryCommitAsync(roomId, 10, newest[1] with { Revision = 11 }, TestEvents.At, default).DefaultTimeout();
        AssertCommit(DocumentCommitStatus.Duplicate, 9, retry);
        var next = await log.TryCommitAsync(roomId, 10, TestEvents.Operation(11), TestEvents.At, default).DefaultTimeout();
        AssertCommit(DocumentCommitStatus.Committed, 11, next);
    }

    [Fact]
    public async Task History_KeepsTheNewestRetainedOps_OlderBasesAreIncomplete()
    {
        await using var backplane = CreateBackplane(new(RetainedOps: 5));
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var log = instance.Documents;
        var roomId = TestEvents.NewRoomId();
        await log.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        var operations = new List<OperationCommitted>();
        for (var revision = 1; revision <= 12; revision++)
        {
            operations.Add(TestEvents.Operation(revision));
            await log.TryCommitAsync(roomId, revision - 1, operations[^1], TestEvents.At, default).DefaultTimeout();
        }

        var kept = await log.ReadAfterAsync(roomId, 7, default).DefaultTimeout();
        Assert.Equal((true, true, 12), (kept.Seeded, kept.Complete, kept.HeadRevision));
        Assert.Equal(operations.Skip(7), kept.Operations);
        var gone = await log.ReadAfterAsync(roomId, 6, default).DefaultTimeout();
        Assert.Equal((true, false, 12), (gone.Seeded, gone.Complete, gone.HeadRevision));
    }

    [Fact]
    public async Task History_IsBoundedInBytes_OlderBasesAreIncomplete()
    {
        // About 1,100 bytes an operation, 20,000 kept: 50 stored operations leave the newest dozen or more.
        await using var backplane = CreateBackplane(new(RetainedBytes: 20_000));
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var roomId = TestEvents.NewRoomId();
        await instance.Documents.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        var operations = new List<OperationCommitted>();
        for (var revision = 1; revision <= 50; revision++)
        {
            operations.Add(new(revision, new TextOperation.Builder().Retain((revision - 1) * 1_000).Insert(new string('x', 1_000)).Build(), "u1", Guid.NewGuid().ToString()));
            var commit = await instance.Documents.TryCommitAsync(roomId, revision - 1, operations[^1], TestEvents.At, default).DefaultTimeout();
            // Stored events are trimmed like any other (an unstored one never is).
            await instance.Events.MarkStoredAsync(roomId, [commit.EventId!.Value], default).DefaultTimeout();
        }

        var kept = await instance.Documents.ReadAfterAsync(roomId, 40, default).DefaultTimeout();
        Assert.Equal((true, true, 50), (kept.Seeded, kept.Complete, kept.HeadRevision));
        Assert.Equal(operations.Skip(40), kept.Operations);
        var gone = await instance.Documents.ReadAfterAsync(roomId, 10, default).DefaultTimeout();
        Assert.Equal((true, false, 50), (gone.Seeded, gone.Complete, gone.HeadRevision));
    }

    [Fact]
    public async Task ClientOpKeys_AreForgottenWithTheirTrimmedOps_AndTheCommitIsStillAnEvent()
    {
        await using var backplane = CreateBackplane(new(RetainedEvents: 100, RetainedOps: 5));
        var instance = await backplane.AddInstanceAsync().DefaultTimeout();
        var log = instance.Documents;
        var roomId = TestEvents.NewRoomId();
        await log.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        var operations = new List<OperationCommitted>();
        for (var revision = 1; revision <= 12; revision++)
        {
            operations.Add(TestEvents.Operation(revision));
            await log.TryCommitAsync(roomId, revision - 1, operations[^1], TestEvents.At, default).DefaultTimeout();
        }
        var latest = (await instance.Events.GetLatestIdAsync(roomId, default).DefaultTimeout())!.Value;

        var retainedRetry = await log.TryCommitAsync(roomId, 12, operations[9] with { Revision = 13 }, TestEvents.At, default).DefaultTimeout();
        var trimmedRetry = await log.TryCommitAsync(roomId, 12, operations[0] with { Revision = 13 }, TestEvents.At, default).DefaultTimeout();

        AssertCommit(DocumentCommitStatus.Duplicate, 10, retainedRetry);
        AssertCommit(DocumentCommitStatus.Committed, 13, trimmedRetry);
        // Every committed revision has its operation event, even when the room stream still knows the key.
        var replay = await instance.Events.ReadAfterAsync(roomId, latest, default).DefaultTimeout();
        var committed = Assert.IsType<OperationCommitted>(Assert.Single(replay.Events).Data);
        Assert.Equal(13, committed.Revision);
    }

    // An instance's log, and a new room whose document it has seeded empty.
    private static async Task<(IDocumentLog Log, string RoomId)> SeededDocumentAsync(IBackplane backplane)
    {
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Documents;
        var roomId = TestEvents.NewRoomId();
        await log.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        return (log, roomId);
    }

    // The event id a commit reports is the log's to choose; the contract is its status and revision.
    private static void AssertCommit(DocumentCommitStatus status, int revision, DocumentCommit actual)
    {
        Assert.Equal((status, revision), (actual.Status, actual.Revision));
        Assert.Equal(status == DocumentCommitStatus.Committed, actual.EventId is not null);
    }
}
