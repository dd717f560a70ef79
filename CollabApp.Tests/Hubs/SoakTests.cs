using System.Globalization;
using System.Text.Json;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// Many clients on two instances chatting for a while: every message reaches every client of its room
/// exactly once, and when the clients leave the instances hold no subscriber, connection or presence.
/// Short by default; <c>COLLAB_SOAK_SECONDS</c> and <c>COLLAB_SOAK_CLIENTS</c> (at most 200) make it a real soak.
/// </summary>
public sealed class SoakTests
{
    [Fact]
    public async Task ManyClients_TwoInstances_NoLostOrDuplicateEvent_AndNothingLeftAfterTheyLeave()
    {
        var seconds = Setting("COLLAB_SOAK_SECONDS", 6, 600);
        var clientCount = Setting("COLLAB_SOAK_CLIENTS", 40, 200);
        string[] rooms = ["soak-1", "soak-2"];
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, instances: 2, settings: new Dictionary<string, string?>
        {
            ["Collab:Limits:ConnectionsPerMinute"] = "10000",
        });
        var owner = await room.RegisterAsync();
        foreach (var id in rooms)
        {
            await room.CreateRoomAsync(owner, id, isPrivate: false);
        }
        var clients = new List<(HubClient Client, string Room)>();
        for (var i = 0; i < clientCount; i++)
        {
            var roomId = rooms[i % rooms.Length];
            clients.Add((await room.JoinAsync(await room.RegisterAsync(), roomId, instance: i % 2), roomId));
        }

        var sent = rooms.ToDictionary(r => r, _ => new List<string>());
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var senders = clients.Take(8).Select(async sender =>
        {
            var mine = new List<string>();
            while (DateTime.UtcNow < until)
            {
                var message = await sender.Client.InvokeAsync<JsonElement>("SendMessage", sender.Room, Guid.NewGuid().ToString(), "soak");
                mine.Add(message.GetProperty("id").GetString()!);
                // Stay under the per-connection call limit, as a real client does.
                await Task.Delay(60);
            }
            return (sender.Room, mine);
        });
        foreach (var (roomId, ids) in await Task.WhenAll(senders))
        {
            sent[roomId].AddRange(ids);
        }

        foreach (var (client, roomId) in clients)
        {
            var expected = sent[roomId].Count;
            var events = await client.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "message") >= expected, $"{expected} messages");
            var received = events.Where(e => e.GetProperty("type").GetString() == "message").Select(e => e.GetProperty("data").GetProperty("id").GetString()!).ToList();
            Assert.Equal(sent[roomId].Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
            Assert.Equal(received.Count, received.Distinct().Count());
        }

        foreach (var (client, _) in clients)
        {
            await client.Connection.StopAsync().WaitAsync(HubClient.Timeout);
        }
        foreach (var instance in room.App.Instances)
        {
            var fanout = instance.Get<RoomFanout>();
            var local = instance.Get<LocalConnections>();
            await Eventually.UntilAsync(() => fanout.SubscriberCount == 0 && local.Snapshot().Count == 0, "every subscription and connection released");
        }
        var presence = room.App.First.Get<IPresenceStore>();
        foreach (var roomId in rooms)
        {
            await Eventually.UntilAsync(async () => (await presence.ListAsync(roomId, CancellationToken.None)).Count == 0, $"nobody present in {roomId}");
        }
    }

    private static int Setting(string name, int fallback, int max) =>
        Environment.GetEnvironmentVariable(name) is { } value ? Math.Min(max, int.Parse(value, CultureInfo.InvariantCulture)) : fallback;
}
