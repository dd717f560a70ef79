using System.Text.Json;
using CollabApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace CollabApp.E2E.Faults;

/// <summary>
/// docs/durability.md under real faults: three instances on one PostgreSQL and one Redis, nine hub clients chatting in
/// one room at 5 messages/s each, retrying failed sends with the same id and resuming elsewhere with their newest event
/// id. A part is made to fail mid-chat; afterwards every acknowledged message is in history and reached every client
/// once, in order, or the client was resynchronised; nothing was seen live that history lacks.
/// </summary>
public sealed class FaultTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SendEvery = TimeSpan.FromMilliseconds(200);
    private const string RoomId = "lobby";

    [Fact]
    public async Task RedisLostAndRestartedEmpty_LosesNothingAcknowledged_AndEveryClientGetsEveryMessageOrAResync()
    {
        await using var cluster = await FaultCluster.StartAsync();
        var verdict = await ChatThroughAsync(cluster, async () =>
        {
            cluster.Redis.Kill();
            await Task.Delay(TimeSpan.FromSeconds(3));
            await cluster.Redis.RestartEmptyAsync();
        });

        verdict.AssertNothingLost();
        Assert.True(verdict.Resyncs > 0, "no client was resynchronised, although Redis lost every resume point");
    }

    [Fact]
    public async Task ARedisClusterPrimaryKilledMidChat_FailsOverToItsReplica_LosingNothingAcknowledged_MissingNothing()
    {
        await using var cluster = await FaultCluster.StartAsync(redisCluster: true);
        var verdict = await ChatThroughAsync(cluster, () => cluster.RedisCluster!.KillPrimaryOfAsync($"collab:{{{RoomId}}}:events"));

        verdict.AssertNothingLost();
        Assert.True(verdict.Refusals > 0, "no send was refused while the room's shard had no primary");
    }

    [Fact]
    public async Task AnInstanceKilledMidChat_LosesNothingAcknowledged_AndItsClientsResumeElsewhere()
    {
        await using var cluster = await FaultCluster.StartAsync();
        var verdict = await ChatThroughAsync(cluster, () =>
        {
            cluster.Instances[2].Kill();
            return Task.CompletedTask;
        });

        verdict.AssertNothingLost();
        Assert.True(verdict.Reconnects > 0, "no client moved to another instance");
    }

    [Fact]
    public async Task PostgresStoppedForFiveSeconds_LosesNothingAcknowledged_AndWhatWasShownLiveEndsUpInHistory()
    {
        await using var cluster = await FaultCluster.StartAsync(privatePostgres: true);
        var verdict = await ChatThroughAsync(cluster, async () =>
        {
            await cluster.Postgres!.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(5));
            await cluster.Postgres.StartAgainAsync();
        });

        verdict.AssertNothingLost();
    }

    // Nine clients chat; after 3 s the fault happens; they chat on for 6 s, stop, and the room settles.
    private async Task<FaultVerdict> ChatThroughAsync(FaultCluster cluster, Func<Task> fault)
    {
        var clients = new List<ChattingClient>();
        try
        {
            for (var i = 0; i < 9; i++)
            {
                clients.Add(await ChattingClient.StartAsync(cluster.Urls, i % cluster.Urls.Count, RoomId));
            }
            using var stop = new CancellationTokenSource();
            var chatting = clients.Select(c => c.ChatAsync(SendEvery, stop.Token)).ToList();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var faultAt = DateTime.UtcNow;
            await fault();
            var recoveredAt = await FirstAcknowledgementAfterAsync(clients, DateTime.UtcNow);
            await Task.Delay(TimeSpan.FromSeconds(6));
            await stop.CancelAsync();
            await Task.WhenAll(chatting);

            var history = await ReadHistoryAsync(cluster);
            await SettleAsync(clients, history);
            var verdict = FaultVerdict.Judge(clients, history);
            output.WriteLine($"{verdict} recovered {(recoveredAt - faultAt).TotalSeconds:F1} s after the fault");
            return verdict;
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private static async Task<DateTime> FirstAcknowledgementAfterAsync(IReadOnlyList<ChattingClient> clients, DateTime after)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (clients.Any(c => c.LastAcknowledgedAt > after))
            {
                return clients.Max(c => c.LastAcknowledgedAt);
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("no send was acknowledged within 30 s of the fault");
    }

    // Waits (bounded) until every client has every stored message live or recovered: delivery is asynchronous.
    private static async Task SettleAsync(IReadOnlyList<ChattingClient> clients, IReadOnlyList<string> history)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline && !clients.All(c => history.All(id => c.Recovered.Contains(id) || c.Live.Any(l => l.MessageId == id))))
        {
            await Task.Delay(100);
        }
    }

    // The whole room history, paged back from the newest, from a fresh client on a surviving instance.
    private static async Task<IReadOnlyList<string>> ReadHistoryAsync(FaultCluster cluster)
    {
        await using var reader = await ScaleOut.HubUser.RegisterAsync(cluster.Urls[0]);
        var ids = new List<string>();
        string? before = null;
        while (true)
        {
            var page = await reader.InvokeAsync<JsonElement[]>("GetMessages", RoomId, before, 100);
            if (page.Length == 0)
            {
                return ids;
            }
            ids.InsertRange(0, page.Select(m => m.GetProperty("id").GetString()!));
            before = page[0].GetProperty("id").GetString();
        }
    }
}
