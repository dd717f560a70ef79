using CollabApp.Core.Documents;
using CollabApp.Core.Events;

namespace CollabApp.Tests.Core.Documents;

/// <summary>The document cache's bounds: a memory budget (least recently used first), idle eviction, and never a copy in use.</summary>
public sealed class DocumentCacheTests
{
    private const int DocumentLength = 10_000;
    private static readonly CancellationToken None = CancellationToken.None;

    // One 10,000-unit copy costs about 25 KB (its gap buffer holds a quarter more, two bytes a unit): two fit, three do not.
    private readonly DocumentOptions _options = new() { CacheBudgetBytes = 60_000 };
    private readonly SteppedClock _clock = new();
    private readonly InMemoryDocumentStore _store = new();
    private readonly CountingDocumentLog _log;

    public DocumentCacheTests() =>
        _log = new CountingDocumentLog(new InMemoryDocumentLog(new InMemoryRoomEventLog(new InMemoryRoomEventBus(), new EventLogOptions(), TimeProvider.System), _options));

    [Fact]
    public async Task OverTheBudget_TheLeastRecentlyUsedCopyIsEvicted()
    {
        var cache = await CacheWithDocumentsAsync("a", "b", "c");
        await ReadAsync(cache, "a");
        await ReadAsync(cache, "b");
        await ReadAsync(cache, "a");

        await ReadAsync(cache, "c");

        Assert.Null(cache.KnownRevision("b"));
        Assert.NotNull(cache.KnownRevision("a"));
        Assert.NotNull(cache.KnownRevision("c"));
        Assert.Equal(2, cache.Count);
        Assert.InRange(cache.Bytes, 1, _options.CacheBudgetBytes);
    }

    [Fact]
    public async Task AnEvictedDocument_IsLoadedAgainOnItsNextUse()
    {
        var cache = await CacheWithDocumentsAsync("a", "b", "c");
        await ReadAsync(cache, "a");
        await ReadAsync(cache, "b");
        await ReadAsync(cache, "c");
        Assert.Null(cache.KnownRevision("a"));

        var again = await cache.ReadAsync("a", None);

        Assert.Equal(TextOf("a"), again.Text);
        Assert.Equal(1, again.Revision);
    }

    [Fact]
    public async Task ACopyInUse_IsNeverEvicted_EvenWhenLeastRecentlyUsed()
    {
        var cache = await CacheWithDocumentsAsync("a", "b", "c");
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var holding = cache.WithCurrentAsync("a", async _ =>
        {
            entered.SetResult();
            await release.Task;
            return true;
        }, None);
        await entered.Task;

        await ReadAsync(cache, "b");
        await ReadAsync(cache, "c");

        Assert.NotNull(cache.KnownRevision("a"));
        Assert.Null(cache.KnownRevision("b"));
        release.SetResult();
        await holding;
    }

    [Fact]
    public async Task ACopyAwaitedByAnotherCaller_IsNeverEvicted()
    {
        var cache = await CacheWithDocumentsAsync("a", "b");
        var release = new TaskCompletionSource();
        var entered = new TaskCompletionSource();
        var first = cache.WithCurrentAsync("a", async _ =>
        {
            entered.SetResult();
            await release.Task;
            return true;
        }, None);
        await entered.Task;
        var waiting = cache.ReadAsync("a", None);
        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(0, cache.EvictIdle(TimeSpan.FromMinutes(1)));

        release.SetResult();
        await first;
        Assert.Equal(TextOf("a"), (await waiting).Text);
    }

    [Fact]
    public async Task CopiesUnusedForTheIdleTime_AreEvicted_OthersKept()
    {
        var cache = await CacheWithDocumentsAsync("a", "b");
        await ReadAsync(cache, "a");
        _clock.Advance(TimeSpan.FromMinutes(10));
        await ReadAsync(cache, "b");

        var evicted = cache.EvictIdle(TimeSpan.FromMinutes(5));

        Assert.Equal(1, evicted);
        Assert.Null(cache.KnownRevision("a"));
        Assert.NotNull(cache.KnownRevision("b"));
    }

    [Fact]
    public async Task AnIdleCopyWithChangesToSnapshot_IsKeptUntilSnapshotted()
    {
        var cache = await CacheWithDocumentsAsync("a");
        await CommitLocallyAsync(cache, "a");
        _clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(0, cache.EvictIdle(TimeSpan.FromMinutes(5)));

        await cache.WithCachedIfPresentAsync("a", document =>
        {
            document.SnapshotRevision = document.Revision;
            return Task.CompletedTask;
        }, None);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, cache.EvictIdle(TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task TheSnapshotScan_FindsOnlyChangedDocuments_AndReadsNoLog()
    {
        _options.CacheBudgetBytes = 10_000_000;
        var cache = await CacheWithDocumentsAsync("a", "b", "c");
        await ReadAsync(cache, "a");
        await ReadAsync(cache, "b");
        await CommitLocallyAsync(cache, "c");
        _clock.Advance(TimeSpan.FromSeconds(30));
        var readsBefore = _log.Reads;

        var quiet = cache.QuietChanged(TimeSpan.FromSeconds(10));
        var touched = new List<string>();
        foreach (var roomId in quiet)
        {
            await cache.WithCachedIfPresentAsync(roomId, _ =>
            {
                touched.Add(roomId);
                return Task.CompletedTask;
            }, None);
        }

        Assert.Equal(["c"], quiet);
        Assert.Equal(["c"], touched);
        Assert.Equal(readsBefore, _log.Reads);
    }

    [Fact]
    public async Task ChangesTooRecent_AreNotYetDue()
    {
        var cache = await CacheWithDocumentsAsync("a");
        await CommitLocallyAsync(cache, "a");
        _clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Empty(cache.QuietChanged(TimeSpan.FromSeconds(10)));
    }

    private async Task<DocumentCache> CacheWithDocumentsAsync(params string[] roomIds)
    {
        foreach (var roomId in roomIds)
        {
            await _store.SaveSnapshotAsync(roomId, new DocumentState(1, TextOf(roomId)), None);
        }
        return new DocumentCache(_log, _store, _options, _clock);
    }

    private static string TextOf(string roomId) => new(roomId[0], DocumentLength);

    private async Task ReadAsync(DocumentCache cache, string roomId)
    {
        await cache.ReadAsync(roomId, None);
        // Each use a moment after the last, so "least recently used" is unambiguous.
        _clock.Advance(TimeSpan.FromMilliseconds(1));
    }

    // What a commit by this instance leaves on its copy: one more revision and the time of the commit.
    private Task CommitLocallyAsync(DocumentCache cache, string roomId) =>
        cache.WithCurrentAsync(roomId, document =>
        {
            document.Apply(new OperationCommitted(document.Revision + 1, Ops.Op($"[{document.Text.Length}, \"!\"]"), "user", Guid.NewGuid().ToString()));
            document.LastCommitAt = _clock.GetUtcNow();
            return Task.FromResult(true);
        }, None);

    /// <summary>A clock that moves only when told, timestamps included.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }

    private sealed class CountingDocumentLog(IDocumentLog inner) : IDocumentLog
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public Task<DocumentCommit> TryCommitAsync(string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.TryCommitAsync(roomId, expectedHead, operations, at, cancellationToken);

        public Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.ReadAfterAsync(roomId, afterRevision, cancellationToken);
        }

        public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken) =>
            inner.SeedAsync(roomId, headRevision, newestOperations, cancellationToken);
    }
}
