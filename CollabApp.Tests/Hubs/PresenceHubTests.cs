using System.Text.Json;
using CollabApp.Tests.Hosting;
using Microsoft.Extensions.Configuration;

namespace CollabApp.Tests.Hubs;

public sealed class PresenceHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task TwoConnectionsOfOneUser_OneOnline_CountedTwice_OneOfflineWhenBothGo(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var watcher = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.RegisterAsync();

        var tab1 = await room.JoinAsync(bob);
        var tab2 = await room.JoinAsync(bob);
        var online = await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby");
        Assert.Equal(2, online.Single(e => e.GetProperty("userId").GetString() == bob.UserId).GetProperty("connections").GetInt32());

        await tab1.Connection.StopAsync();
        await tab2.InvokeAsync("LeaveRoom", "lobby");

        var events = await watcher.WaitForAsync("presence", d => d.GetProperty("userId").GetString() == bob.UserId && d.GetProperty("status").GetString() == "offline", "bob offline");
        var bobs = events.Where(e => e.GetProperty("type").GetString() == "presence" && e.GetProperty("data").GetProperty("userId").GetString() == bob.UserId)
            .Select(e => e.GetProperty("data").GetProperty("status").GetString()).ToList();
        Assert.Equal(["online", "offline"], bobs);
        var after = await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby");
        Assert.DoesNotContain(after, e => e.GetProperty("userId").GetString() == bob.UserId);
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task SetStatus_Away_PublishesOnce_AndOnlineAgainClearsIt(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var watcher = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());

        await bob.InvokeAsync("SetStatus", "away");
        await bob.InvokeAsync("SetStatus", "away");
        var listed = await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby");
        await bob.InvokeAsync("SetStatus", "online");

        Assert.Equal("away", listed.Single(e => e.GetProperty("userId").GetString() == bob.User.UserId).GetProperty("status").GetString());
        var events = await watcher.WaitForEventsAsync(
            e => e.Count(x => x.GetProperty("type").GetString() == "presence" && x.GetProperty("data").GetProperty("userId").GetString() == bob.User.UserId) >= 3,
            "bob online, away and online again");
        var statuses = events.Where(e => e.GetProperty("type").GetString() == "presence" && e.GetProperty("data").GetProperty("userId").GetString() == bob.User.UserId)
            .Select(e => e.GetProperty("data").GetProperty("status").GetString()).ToList();
        Assert.Equal(["online", "away", "online"], statuses);
        await HubErrors.AssertRefusedAsync("invalid", () => bob.InvokeAsync("SetStatus", "offline"));
        await HubErrors.AssertRefusedAsync("invalid", () => bob.InvokeAsync("SetStatus", (string?)null));
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task ConnectionOfACrashedInstance_ExpiresWithinTheTtl(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode, settings: new Dictionary<string, string?>
        {
            ["Collab:Presence:TtlSeconds"] = "3",
            ["Collab:Presence:RefreshSeconds"] = "1",
        });
        var watcher = await room.JoinAsync(await room.RegisterAsync());
        // A connection held by an instance that crashed: registered in the shared store, refreshed by no one.
        var store = room.App.First.Get<CollabApp.Core.Presence.IPresenceStore>();
        var ghost = new CollabApp.Core.Presence.PresenceConnection("crashed-instance-conn", "ghost-user", "ghost");
        await store.AddConnectionAsync("lobby", ghost, away: false, DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Contains(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), e => e.GetProperty("userId").GetString() == "ghost-user");

        await watcher.WaitForAsync("presence", d => d.GetProperty("userId").GetString() == "ghost-user" && d.GetProperty("status").GetString() == "offline", "the ghost going offline");

        Assert.DoesNotContain(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), e => e.GetProperty("userId").GetString() == "ghost-user");
        Assert.Contains(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), e => e.GetProperty("userId").GetString() == watcher.User.UserId);
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task SetStatus_IsPerConnection_AUserShowsAwayOnlyWhenEveryConnectionIs(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode, instances: mode == AppMode.Scaled ? 2 : 1);
        var watcher = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.RegisterAsync();
        var tab1 = await room.JoinAsync(bob);
        var tab2 = await room.JoinAsync(bob, instance: mode == AppMode.Scaled ? 1 : 0);

        await tab1.InvokeAsync("SetStatus", "away");
        Assert.Equal("online", StatusOf(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), bob.UserId));
        await tab2.InvokeAsync("SetStatus", "away");
        Assert.Equal("away", StatusOf(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), bob.UserId));
        await tab2.InvokeAsync("SetStatus", "online");
        // The active tab leaves while the away one stays: away again, published once.
        await tab2.InvokeAsync("LeaveRoom", "lobby");

        var events = await watcher.WaitForEventsAsync(
            e => BobsStatuses(e, bob.UserId).Count >= 4,
            "bob online, away, online, away");
        Assert.Equal(["online", "away", "online", "away"], BobsStatuses(events, bob.UserId));
        Assert.Equal("away", StatusOf(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), bob.UserId));
    }

    private static string? StatusOf(JsonElement[] online, string userId) =>
        online.Single(e => e.GetProperty("userId").GetString() == userId).GetProperty("status").GetString();

    private static List<string?> BobsStatuses(IEnumerable<JsonElement> events, string userId) =>
        [.. events.Where(x => x.GetProperty("type").GetString() == "presence" && x.GetProperty("data").GetProperty("userId").GetString() == userId)
            .Select(x => x.GetProperty("data").GetProperty("status").GetString())];

    [Fact]
    public async Task JoinRoom_FailingAfterPresence_LeavesNoPresence_AndTheErrorStillReachesTheCaller()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled);
        var watcher = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.ConnectAsync(await room.RegisterAsync());
        // Presence lives in Redis and stays up; the snapshot's chat read, after presence, hits the database.
        await using var outage = await DatabaseOutage.StartAsync(room.App.First.Get<IConfiguration>()["ConnectionStrings:Postgres"]!);

        await HubErrors.AssertRefusedAsync("unavailable", () => bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", null));

        // Taken back before the answer: no ghost, not even until the TTL (bob's connection is still open).
        Assert.DoesNotContain(await watcher.InvokeAsync<JsonElement[]>("GetOnline", "lobby"), e => e.GetProperty("userId").GetString() == bob.User.UserId);
        var events = await watcher.WaitForAsync("presence", d => d.GetProperty("userId").GetString() == bob.User.UserId && d.GetProperty("status").GetString() == "offline", "bob's failed join taken back");
        var bobs = events.Where(e => e.GetProperty("type").GetString() == "presence" && e.GetProperty("data").GetProperty("userId").GetString() == bob.User.UserId)
            .Select(e => e.GetProperty("data").GetProperty("status").GetString()).ToList();
        Assert.Equal(["online", "offline"], bobs);
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, bob.Connection.State);
    }
}
