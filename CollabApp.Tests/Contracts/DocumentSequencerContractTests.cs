using System.Collections.Concurrent;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// The sequencer over a shared <see cref="IDocumentLog"/>: two <see cref="DocumentService"/> instances (each
/// with its own log connection and cache, sharing one database) accepting concurrent operations for one document.
/// </summary>
public abstract class DocumentSequencerContractTests
{
    private const int Writers = 8;
    private const int OpsPerWriter = 8;

    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task ConcurrentSubmissionsThroughTwoInstances_ConvergeWithGaplessRevisions()
    {
        await using var backplane = CreateBackplane(new());
        var store = new InMemoryDocumentStore();
        var options = new DocumentOptions { SnapshotEvery = 10 };
        var services = new List<DocumentService>();
        var logs = new List<IDocumentLog>();
        var roomId = TestEvents.NewRoomId();
        var rooms = PublicRoom(roomId);
        for (var i = 0; i < 2; i++)
        {
            var instance = await backplane.AddInstanceAsync().DefaultTimeout();
            logs.Add(instance.Documents);
            var persister = new EventPersister(instance.Events, [new OperationPersistence(store)]);
            services.Add(new DocumentService(new RoomAccess(rooms), instance.Documents, store, persister, instance.Bus, options, TimeProvider.System));
        }
        var revisions = new ConcurrentBag<int>();

        // Each writer inserts its markers at the start or the end of the text it last saw; the other writers'
        // commits make most of its bases stale, so the service must transform.
        async Task WriteAsync(int writer)
        {
            await Task.Yield();
            var service = services[writer % 2];
            var user = new CollabUser($"user-{writer}", $"user{writer}", $"User {writer}");
            for (var n = 0; n < OpsPerWriter; n++)
            {
                var seen = await service.OpenAsync(user, roomId, default).DefaultTimeout();
                var marker = $"<{writer}.{n}>";
                var op = (n % 2 == 0)
                    ? new TextOperation.Builder().Insert(marker).Retain(seen.Text.Length).Build()
                    : new TextOperation.Builder().Retain(seen.Text.Length).Insert(marker).Build();
                revisions.Add(await service.SubmitAsync(user, roomId, seen.Revision, op, Guid.NewGuid().ToString(), default).DefaultTimeout());
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(WriteAsync)).WaitAsync(TimeSpan.FromSeconds(60));

        const int total = Writers * OpsPerWriter;
        Assert.Equal(Enumerable.Range(1, total), revisions.Order());
        var reader = new CollabUser("reader", "reader", "Reader");
        var first = await services[0].OpenAsync(reader, roomId, default).DefaultTimeout();
        var second = await services[1].OpenAsync(reader, roomId, default).DefaultTimeout();
        Assert.Equal(first, second);
        Assert.Equal(total, first.Revision);
        for (var writer = 0; writer < Writers; writer++)
        {
            for (var n = 0; n < OpsPerWriter; n++)
            {
                var marker = $"<{writer}.{n}>";
                Assert.True(first.Text.IndexOf(marker, StringComparison.Ordinal) is var at && at >= 0 && first.Text.IndexOf(marker, at + 1, StringComparison.Ordinal) < 0, $"{marker} is not in the text exactly once: {first.Text}");
            }
        }
        var history = await logs[1].ReadAfterAsync(roomId, 0, default).DefaultTimeout();
        Assert.True(history.Complete);
        Assert.Equal(Enumerable.Range(1, total), history.Operations.Select(o => o.Revision));
        Assert.Equal(Enumerable.Range(1, total), (await store.ListOperationsAsync(roomId, 0, 1000, default).DefaultTimeout()).Select(o => o.Revision));
        Assert.Equal(first.Text, Replay(history.Operations));
    }

    [Fact]
    public async Task ASubmit_IsOneCompareAndAppend_AndReadsTheLogAtMostOnce()
    {
        await using var backplane = CreateBackplane(new());
        var store = new InMemoryDocumentStore();
        var roomId = TestEvents.NewRoomId();
        var (logs, services, _) = await CountedInstancesAsync(backplane, store, roomId);
        var user = new CollabUser("typist", "typist", "Typist");
        var text = (await services[0].OpenAsync(user, roomId, default).DefaultTimeout()).Text;
        await services[1].OpenAsync(user, roomId, default).DefaultTimeout();

        async Task<(int Commits, int Reads)> SubmitAsync(int instance, int revision, TextOperation op)
        {
            var before = (logs[instance].Commits, logs[instance].Reads);
            await services[instance].SubmitAsync(user, roomId, revision, op, Guid.NewGuid().ToString(), default).DefaultTimeout();
            return (logs[instance].Commits - before.Commits, logs[instance].Reads - before.Reads);
        }

        // A typist at the head: the compare-and-append is the only call to the log.
        for (var revision = 0; revision < 5; revision++)
        {
            Assert.Equal((1, 0), await SubmitAsync(0, revision, new TextOperation.Builder().Retain(text.Length).Insert("x").Build()));
            text += "x";
        }
        // Based on an older revision this instance holds the operations after: transformed against its copy, no read.
        Assert.Equal((1, 0), await SubmitAsync(0, 3, new TextOperation.Builder().Insert("y").Retain(3).Build()));
        // A typist on the other instance, whose copy is behind, based on what it saw (revision 0): the compare-and-append
        // on its copy is refused with the operations it missed, and it commits the transformed operation without a read.
        Assert.Equal((2, 0), await SubmitAsync(1, 0, new TextOperation.Builder().Insert("z").Build()));
        // Based on a revision newer than this instance's copy (the typist saw it from elsewhere): one read, one commit.
        Assert.Equal((1, 1), await SubmitAsync(0, 7, new TextOperation.Builder().Retain(7).Insert("w").Build()));
        Assert.Equal(8, (await services[1].OpenAsync(user, roomId, default).DefaultTimeout()).Revision);
    }

    [Fact]
    public async Task SubmissionsArrivingWhileACommitIsUnderWay_ShareTheNextCompareAndAppend_EachAtItsOwnRevision()
    {
        await using var backplane = CreateBackplane(new());
        var store = new InMemoryDocumentStore();
        var roomId = TestEvents.NewRoomId();
        var (logs, services, _) = await CountedInstancesAsync(backplane, store, roomId);
        var typists = Enumerable.Range(0, 4).Select(i => new CollabUser($"typist-{i}", $"typist{i}", $"Typist {i}")).ToList();
        var clientOpIds = typists.Select(_ => Guid.NewGuid().ToString()).ToList();
        await services[0].OpenAsync(typists[0], roomId, default).DefaultTimeout();
        var release = logs[0].HoldNextCommit();
        var first = services[0].SubmitAsync(typists[0], roomId, 0, new TextOperation.Builder().Insert("a").Build(), Guid.NewGuid().ToString(), default);
        await logs[0].Held.DefaultTimeout();

        // While the first commit waits on the log, four typists submit, all based on revision 0, and one of them sends its
        // operation again (a retry with the same client op id). The in-memory room check answers at once, so each is
        // waiting on this instance when its call returns.
        var later = typists.Select((typist, i) =>
            services[0].SubmitAsync(typist, roomId, 0, new TextOperation.Builder().Insert($"{i}").Build(), clientOpIds[i], default)).ToList();
        var retry = services[0].SubmitAsync(typists[1], roomId, 0, new TextOperation.Builder().Insert("1").Build(), clientOpIds[1], default);
        release.SetResult();

        Assert.Equal(1, await first.DefaultTimeout());
        var laterRevisions = await Task.WhenAll(later).DefaultTimeout();
        Assert.Equal([2, 3, 4, 5], laterRevisions);
        Assert.Equal(3, await retry.DefaultTimeout());
        // The held commit, then the four together, then the retry (kept out of its original's batch), found a duplicate.
        Assert.Equal([1, 4, 1], logs[0].BatchSizes);
        var document = await services[1].OpenAsync(typists[0], roomId, default).DefaultTimeout();
        Assert.Equal(5, document.Revision);
        // Inserts at one place keep their commit order (the earlier committed goes first).
        Assert.Equal("a0123", document.Text);
        Assert.Equal(Enumerable.Range(1, 5), (await store.ListOperationsAsync(roomId, 0, 100, default).DefaultTimeout()).Select(o => o.Revision));
    }

    [Fact]
    public async Task ASubmissionRefusedInABatch_IsRefusedAlone_TheOthersCommit()
    {
        await using var backplane = CreateBackplane(new());
        var store = new InMemoryDocumentStore();
        var roomId = TestEvents.NewRoomId();
        var (logs, services, _) = await CountedInstancesAsync(backplane, store, roomId);
        var user = new CollabUser("typist", "typist", "Typist");
        await services[0].OpenAsync(user, roomId, default).DefaultTimeout();
        var release = logs[0].HoldNextCommit();
        var first = services[0].SubmitAsync(user, roomId, 0, new TextOperation.Builder().Insert("a").Build(), Guid.NewGuid().ToString(), default);
        await logs[0].Held.DefaultTimeout();

        var good = services[0].SubmitAsync(user, roomId, 0, new TextOperation.Builder().Insert("b").Build(), Guid.NewGuid().ToString(), default);
        // Spans 5 units of a document that has none at revision 0.
        var misfit = services[0].SubmitAsync(user, roomId, 0, new TextOperation.Builder().Retain(5).Insert("c").Build(), Guid.NewGuid().ToString(), default);
        var alsoGood = services[0].SubmitAsync(user, roomId, 0, new TextOperation.Builder().Insert("d").Build(), Guid.NewGuid().ToString(), default);
        release.SetResult();

        Assert.Equal(1, await first.DefaultTimeout());
        var refusal = await Assert.ThrowsAsync<CollabApp.Core.CollabError>(() => misfit).DefaultTimeout();
        Assert.Equal(CollabApp.Core.CollabErrorCode.Invalid, refusal.Code);
        var goodRevisions = await Task.WhenAll(good, alsoGood).DefaultTimeout();
        Assert.Equal([2, 3], goodRevisions);
        Assert.Equal([1, 2], logs[0].BatchSizes);
        Assert.Equal("abd", (await services[1].OpenAsync(user, roomId, default).DefaultTimeout()).Text);
    }

    [Fact]
    public async Task AnInstanceFollowingTheRoom_CommitsAfterAnotherInstancesCommits_WithoutReadingTheLog()
    {
        await using var backplane = CreateBackplane(new());
        var store = new InMemoryDocumentStore();
        var roomId = TestEvents.NewRoomId();
        var (logs, services, instances) = await CountedInstancesAsync(backplane, store, roomId);
        var fanouts = new List<RoomFanout>();
        for (var i = 0; i < instances.Count; i++)
        {
            var fanout = new RoomFanout(instances[i].Bus, instances[i].Events, new FanoutOptions());
            fanout.Observe(services[i].FollowCommitted);
            fanouts.Add(fanout);
        }
        var user = new CollabUser("typist", "typist", "Typist");
        await services[0].OpenAsync(user, roomId, default).DefaultTimeout();
        await services[1].OpenAsync(user, roomId, default).DefaultTimeout();
        // Instance 1 hears the room because someone there has joined it.
        await using var listener = await fanouts[1].SubscribeAsync(roomId, default).DefaultTimeout();
        listener.Queue.Start([], null);
        await using var events = listener.Queue.ReadAllAsync().GetAsyncEnumerator();

        for (var revision = 0; revision < 5; revision++)
        {
            await services[0].SubmitAsync(user, roomId, revision, new TextOperation.Builder().Retain(revision).Insert("x").Build(), Guid.NewGuid().ToString(), default).DefaultTimeout();
        }
        // The listener gets each event after instance 1's copy has followed it.
        for (var heard = 0; heard < 5; heard++)
        {
            Assert.True(await events.MoveNextAsync().AsTask().DefaultTimeout());
        }
        var before = (logs[1].Commits, logs[1].Reads);
        await services[1].SubmitAsync(user, roomId, 5, new TextOperation.Builder().Insert("y").Retain(5).Build(), Guid.NewGuid().ToString(), default).DefaultTimeout();
        Assert.Equal((1, 0), (logs[1].Commits - before.Commits, logs[1].Reads - before.Reads));
        Assert.Equal("yxxxxx", (await services[0].OpenAsync(user, roomId, default).DefaultTimeout()).Text);
        foreach (var fanout in fanouts)
        {
            await fanout.DisposeAsync();
        }
    }

    // Two instances on the backplane, each with a document service whose calls to the log are counted.
    private static async Task<(List<CountingDocumentLog> Logs, List<DocumentService> Services, List<PortInstance> Instances)> CountedInstancesAsync(
        IBackplane backplane, InMemoryDocumentStore store, string roomId)
    {
        var rooms = PublicRoom(roomId);
        var logs = new List<CountingDocumentLog>();
        var services = new List<DocumentService>();
        var instances = new List<PortInstance>();
        for (var i = 0; i < 2; i++)
        {
            var instance = await backplane.AddInstanceAsync().DefaultTimeout();
            var log = new CountingDocumentLog(instance.Documents);
            var persister = new EventPersister(instance.Events, [new OperationPersistence(store)]);
            logs.Add(log);
            services.Add(new DocumentService(new RoomAccess(rooms), log, store, persister, instance.Bus, new DocumentOptions(), TimeProvider.System));
            instances.Add(instance);
        }
        return (logs, services, instances);
    }

    private sealed class CountingDocumentLog(IDocumentLog inner) : IDocumentLog
    {
        private readonly ConcurrentQueue<int> _batchSizes = new();
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _hold;
        private int _commits;
        private int _reads;

        public int Commits => Volatile.Read(ref _commits);

        public int Reads => Volatile.Read(ref _reads);

        /// <summary>How many operations each compare-and-append carried, in order.</summary>
        public IReadOnlyList<int> BatchSizes => [.. _batchSizes];

        /// <summary>Completes once the held commit has reached the log.</summary>
        public Task Held => _held.Task;

        /// <summary>Holds the next compare-and-append until the returned source is set.</summary>
        public TaskCompletionSource HoldNextCommit()
        {
            var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _hold, hold);
            return hold;
        }

        public async Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _commits);
            _batchSizes.Enqueue(operations.Count);
            if (Interlocked.Exchange(ref _hold, null) is { } hold)
            {
                _held.TrySetResult();
                await hold.Task;
            }
            return await inner.TryCommitAsync(roomId, expectedHead, operations, at, cancellationToken);
        }

        public Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAfterAsync(roomId, afterRevision, cancellationToken);
        }

        public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken) =>
            inner.SeedAsync(roomId, headRevision, newestOperations, cancellationToken);
    }

    private static string Replay(IEnumerable<OperationCommitted> operations)
    {
        var text = DocumentText.From(string.Empty);
        foreach (var operation in operations)
        {
            text.Apply(operation.Op);
        }
        return text.ToString();
    }

    /// <summary>The rooms the services know (they share the database): the document's room, public.</summary>
    private static InMemoryRoomDirectory PublicRoom(string roomId)
    {
        var rooms = new InMemoryRoomDirectory();
        rooms.Save(new RoomInfo(roomId, "Document", IsPrivate: false, OwnerId: null));
        return rooms;
    }
}
