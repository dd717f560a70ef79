using System.Text.Json;
using CollabApp.Core.Documents;
using CollabApp.Core.Rooms;
using CollabApp.Rooms;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// Issue 11, the row "150 rooms with 200,000-character documents, then everyone leaves" (the instance kept +104 MB):
/// large documents opened through the hub stay within the document cache's budget, and once everyone has left the
/// cache empties and the process keeps a bounded amount of memory.
/// </summary>
[Collection(MemoryMeasuring.Name)]
public sealed class DocumentCacheHubTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Rooms = 60;
    private const int DocumentLength = 200_000;
    // The smallest budget the default MaxDocumentLength (1,000,000 units) allows: four of the longest documents.
    private const int CacheMegabytes = 8;
    private const long Budget = CacheMegabytes * 1024L * 1024;
    // What the cache counts for one of these documents (two bytes a unit).
    private const long DocumentBytes = 2L * DocumentLength;

    [Fact]
    public async Task ManyLargeDocuments_StayWithinTheCacheBudget_AndNothingStaysOnceEveryoneLeaves()
    {
        // Default limits, except what makes this fast: a smaller cache (the default 64 MB would take 170 rooms of these
        // to fill), and idle copies evicted after 1 s instead of 300 s, with snapshots as often (eviction never drops a
        // change that is not yet in a snapshot, and the idle time must be at least the snapshot interval).
        // Scaled: the operations' log lives in Redis, so what this process keeps is the cache's doing (embedded mode keeps
        // the log in process, bounded by its own retention).
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, settings: new Dictionary<string, string?>
        {
            ["Collab:Documents:CacheMegabytes"] = CacheMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Collab:Documents:SnapshotIdleSeconds"] = "1",
            ["Collab:Documents:CacheIdleSeconds"] = "1",
        });
        var documents = room.App.First.Get<DocumentService>();
        var ownerUser = await room.RegisterAsync();
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        await SeedAsync(room, new CollabUser(ownerUser.UserId, ownerUser.UserName, ownerUser.UserName));

        var peak = 0L;
        for (var i = 0; i < Rooms; i++)
        {
            var opened = await Eventually.RetryRefusedAsync("rate-limited", () => bob.InvokeAsync<JsonElement>("OpenDocument", RoomId(i)));
            Assert.Equal(DocumentLength, opened.GetProperty("text").GetString()!.Length);
            peak = Math.Max(peak, documents.CacheSize.Bytes);
        }
        await bob.DisposeAsync();
        await Eventually.UntilAsync(() => documents.CacheSize.Documents == 0, "the idle documents' eviction");
        var grown = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;

        output.WriteLine($"{Rooms} documents of {DocumentBytes:N0} bytes: the cache peaked at {peak:N0} bytes (budget {Budget:N0}); the process kept {grown:N0} bytes once all were evicted");
        // An eviction pass already running when a copy is released finishes the job for it: a sample may catch it one copy over.
        Assert.InRange(peak, Budget - DocumentBytes, Budget + DocumentBytes);
        // What stays besides the copies is the pooled buffers (Kestrel, SignalR, Npgsql, Redis) that carried the 24 MB: 9.5
        // to 17.4 MB across runs on this machine, more when the whole suite ran before (a bound of twice the budget, 16.8
        // MB, failed once that way). Without eviction the copies alone would keep Rooms * DocumentBytes (24 MB) on top of
        // those buffers, so that is the bound: a process that kept the copies fails it, whatever its buffers hold.
        Assert.True(grown < Rooms * DocumentBytes, $"the process kept {grown:N0} bytes after every document was evicted (the copies alone are {Rooms * DocumentBytes:N0})");
    }

    // Rooms and their documents through the services (the hub's own path, minus the per-call limit and the 64 KB message
    // limit, which would make a 200,000-character document take many calls).
    private static async Task SeedAsync(HubTestRoom room, CollabUser owner)
    {
        var catalog = room.App.First.Get<RoomCatalog>();
        var documents = room.App.First.Get<DocumentService>();
        var text = new string('x', DocumentLength);
        for (var i = 0; i < Rooms; i++)
        {
            Assert.Equal(RoomId(i), (await catalog.CreateAsync(owner, RoomId(i), null, isPrivate: false, CancellationToken.None)).RoomId);
            await documents.SubmitAsync(owner, RoomId(i), 0, new TextOperation.Builder().Insert(text).Build(), Guid.NewGuid().ToString(), CancellationToken.None);
        }
    }

    private static string RoomId(int i) => $"big-{i}";
}
