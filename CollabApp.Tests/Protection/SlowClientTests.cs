using System.Text.Json;
using CollabApp.Core.Events;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Protection;

public sealed class SlowClientTests
{
    private const int Messages = 1500;

    [Fact]
    public async Task AClientThatReadsNothing_IsCutLoose_OthersGetEverything_AndItResumesWithEveryEvent()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Collab:Realtime:SubscriberQueueCapacity"] = "64",
            ["Collab:Limits:CallsPerSecond"] = "100000",
            ["Collab:Limits:CallBurst"] = "100000",
        });
        var sender = await room.JoinAsync(await room.RegisterAsync());
        var reader = await room.JoinAsync(await room.RegisterAsync());
        var slowUser = await room.RegisterAsync();
        var first = await sender.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "before");
        var slow = await RawHubSocket.ConnectAsync(room.App.First.BaseAddress, slowUser.Token);
        var joined = await slow.InvokeAsync("JoinRoom", "lobby", null);
        var seenUpTo = joined.GetProperty("lastEventId").GetString();
        Assert.Equal(first.GetProperty("eventId").GetString(), seenUpTo);

        // The slow client now reads nothing while the room gets megabytes of messages.
        var text = new string('x', 3000);
        for (var i = 0; i < Messages; i++)
        {
            await sender.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), $"{i} {text}");
        }

        var fanout = room.App.First.Get<RoomFanout>();
        await reader.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "message") >= Messages + 1, "every message");
        Assert.True(fanout.OverflowCount >= 1, "the slow subscriber's queue should have overflowed");
        var leftover = await slow.ReadUntilClosedAsync(TimeSpan.FromSeconds(20));
        Assert.True(leftover.Count < Messages, "the slow client was cut loose before it got everything");

        // Reading again means resuming: exactly the missed events, in order.
        var resumed = await room.ConnectAsync(slowUser);
        var join = await resumed.InvokeAsync<JsonElement>("JoinRoom", "lobby", seenUpTo);
        Assert.True(join.GetProperty("resumed").GetBoolean());
        var events = await resumed.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "message") >= Messages, "the replay");
        var texts = events.Where(e => e.GetProperty("type").GetString() == "message").Select(e => e.GetProperty("data").GetProperty("text").GetString()!).ToList();
        Assert.Equal(Enumerable.Range(0, Messages).Select(i => $"{i} {text}"), texts);
    }

    [Fact]
    public async Task ASilentClient_IsDropped_AndItsPresenceEnds_WithinTheClientTimeout()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?>
        {
            ["Collab:Realtime:KeepAliveSeconds"] = "1",
            ["Collab:Realtime:ClientTimeoutSeconds"] = "3",
        });
        // The watcher pings more often than the short client timeout of this test, as real clients do.
        var watcher = await room.ConnectAsync(await room.RegisterAsync());
        watcher.Connection.KeepAliveInterval = TimeSpan.FromSeconds(1);
        await watcher.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        var frozenUser = await room.RegisterAsync();
        // A frozen process: its socket stays open, but after joining it never sends another byte (no pings).
        var frozen = await room.ConnectAsync(frozenUser);
        frozen.Connection.KeepAliveInterval = TimeSpan.FromHours(1);
        await frozen.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        await watcher.WaitForAsync("presence", d => d.GetProperty("userId").GetString() == frozenUser.UserId, "the frozen user online");

        var closed = new TaskCompletionSource();
        frozen.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await closed.Task.WaitAsync(HubClient.Timeout);
        await watcher.WaitForAsync("presence", d => d.GetProperty("userId").GetString() == frozenUser.UserId && d.GetProperty("status").GetString() == "offline", "the frozen user offline");

        Assert.DoesNotContain(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), e => e.GetProperty("userId").GetString() == frozenUser.UserId);
    }
}
