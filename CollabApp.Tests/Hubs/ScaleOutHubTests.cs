using System.Text.Json;
using CollabApp.Hubs;
using CollabApp.Tests.Hosting;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Tests.Hubs;

/// <summary>Clients on different instances of one scaled deployment see one room, on one Redis and on the Redis Cluster.</summary>
public sealed class ScaleOutHubTests
{
    [Theory]
    [InlineData(AppMode.Scaled)]
    [InlineData(AppMode.ScaledOnCluster)]
    public async Task EveryEventType_CrossesInstances_ExactlyOnce_InOneOrder(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode, instances: 3);
        var alice = await room.JoinAsync(await room.RegisterAsync(), instance: 0);
        var bob = await room.JoinAsync(await room.RegisterAsync(), instance: 1);
        var carol = await room.JoinAsync(await room.RegisterAsync(), instance: 2);
        var todoId = Guid.NewGuid().ToString();

        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "from a");
        await bob.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "from b");
        await carol.InvokeAsync<JsonElement>("AddTodo", "lobby", todoId, "task");
        await alice.InvokeAsync<JsonElement>("UpdateTodo", "lobby", todoId, 1, new { done = true });
        await bob.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, JsonDocument.Parse("[\"doc\"]").RootElement, Guid.NewGuid().ToString());
        await carol.InvokeAsync("Typing", "lobby");
        await alice.InvokeAsync("UpdateCursor", "lobby", 1, 1, 1);
        await bob.InvokeAsync("SetStatus", "away");
        await carol.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "last");

        var durableOrders = new List<string[]>();
        foreach (var client in new[] { alice, bob, carol })
        {
            var events = await client.WaitForAsync("message", d => d.GetProperty("text").GetString() == "last", "the last message");
            var durable = events.Where(e => e.GetProperty("eventId").ValueKind == JsonValueKind.String).ToList();
            var ids = durable.Select(e => e.GetProperty("eventId").GetString()!).ToArray();
            Assert.Equal(ids.Order(EventIdOrder.Instance), ids);
            Assert.Equal(ids.Length, ids.Distinct().Count());
            Assert.Equal(["message", "message", "todo", "todo", "operation", "message"], durable.Select(e => e.GetProperty("type").GetString()));
            durableOrders.Add(ids);
        }
        Assert.Equal(durableOrders[0], durableOrders[1]);
        Assert.Equal(durableOrders[0], durableOrders[2]);
        await alice.WaitForAsync("typing", d => d.GetProperty("userId").GetString() == carol.User.UserId, "carol typing");
        await carol.WaitForAsync("cursor", d => d.GetProperty("userId").GetString() == alice.User.UserId, "alice's cursor");
        await carol.WaitForAsync("presence", d => d.GetProperty("userId").GetString() == bob.User.UserId && d.GetProperty("status").GetString() == "away", "bob away");
        var online = await carol.InvokeAsync<JsonElement[]>("GetOnline", "lobby");
        Assert.Equal(3, online.Length);
    }

    // Room events never travel through SignalR's backplane; SignalR's own sends to a connection elsewhere do.
    [Theory]
    [InlineData(AppMode.Scaled)]
    [InlineData(AppMode.ScaledOnCluster)]
    public async Task TheHubBackplane_CarriesASendToAConnectionOnAnotherInstance(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode, instances: 2);
        var alice = await room.ConnectAsync(await room.RegisterAsync(), instance: 0);
        var otherInstance = room.App.Instances[1].Get<IHubContext<CollabHub>>();

        await otherInstance.Clients.Client(alice.Connection.ConnectionId!)
            .SendAsync("roomEvent", new { type = "probe", roomId = "lobby", data = new { from = "i1" } })
            .WaitAsync(HubClient.Timeout);

        await alice.WaitForAsync("probe", d => d.GetProperty("from").GetString() == "i1", "the send from the other instance");
    }

    [Theory]
    [InlineData(AppMode.Scaled)]
    [InlineData(AppMode.ScaledOnCluster)]
    public async Task ConcurrentEditors_OnThreeInstances_Converge_WithGaplessRevisions(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode, instances: 3);
        var clients = new List<HubClient>();
        for (var i = 0; i < 3; i++)
        {
            clients.Add(await room.JoinAsync(await room.RegisterAsync(), instance: i));
        }

        // Each client inserts its letter at the start, always based on revision 0: every submission but the
        // first must be transformed against the others.
        var submissions = clients.SelectMany((client, i) => Enumerable.Range(0, 5).Select(_ =>
            client.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, JsonDocument.Parse($"[\"{(char)('a' + i)}\"]").RootElement, Guid.NewGuid().ToString())));
        var revisions = (await Task.WhenAll(submissions)).Select(r => r.GetProperty("revision").GetInt32()).Order().ToArray();

        Assert.Equal(Enumerable.Range(1, 15), revisions);
        var texts = new List<string>();
        foreach (var client in clients)
        {
            var document = await client.InvokeAsync<JsonElement>("OpenDocument", "lobby");
            Assert.Equal(15, document.GetProperty("revision").GetInt32());
            texts.Add(document.GetProperty("text").GetString()!);
            var events = await client.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "operation") >= 15, "15 operations");
            Assert.Equal(Enumerable.Range(1, 15), events.Where(e => e.GetProperty("type").GetString() == "operation").Select(e => e.GetProperty("data").GetProperty("revision").GetInt32()));
        }
        Assert.All(texts, t => Assert.Equal(texts[0], t));
        Assert.Equal(5, texts[0].Count(c => c == 'a'));
        Assert.Equal(5, texts[0].Count(c => c == 'c'));
    }
}
