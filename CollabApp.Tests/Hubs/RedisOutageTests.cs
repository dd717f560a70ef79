using System.Net;
using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>Redis stops and comes back (empty): calls fail cleanly, nothing acknowledged is lost.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task RedisDown_CallsAreUnavailable_ReadyzIs503_AndEverythingWorksWhenItReturnsEmpty()
    {
        await using var redis = await PrivateRedis.StartAsync();
        await using var room = await HubTestRoom.StartAsync(AppMode.Scaled, settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.Endpoint });
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var before = await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "before");
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, JsonDocument.Parse("[\"abc\"]").RootElement, Guid.NewGuid().ToString());

        await redis.StopAsync();

        var refused = Guid.NewGuid().ToString();
        await HubErrors.AssertRefusedAsync("unavailable", () => alice.InvokeAsync<JsonElement>("SendMessage", "lobby", refused, "during the outage"));
        await HubErrors.AssertRefusedAsync("unavailable", () => alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, JsonDocument.Parse("[3, \"d\"]").RootElement, Guid.NewGuid().ToString()));
        var ready = await room.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"redis\":\"failed\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await room.Http.GetAsync("/healthz")).StatusCode);

        var cutLoose = new TaskCompletionSource();
        alice.Connection.Closed += _ =>
        {
            cutLoose.TrySetResult();
            return Task.CompletedTask;
        };
        await redis.StartAgainAsync();

        // Events published while this instance's subscription was down would be lost to it, so when the
        // subscription is back every joined client is sent to resync: the hub closes its connection.
        await cutLoose.Task.WaitAsync(Eventually.Timeout);
        var aliceAgain = await room.ConnectAsync(alice.User);
        var rejoined = await Eventually.RetryRefusedAsync("unavailable", () => aliceAgain.InvokeAsync<JsonElement>("JoinRoom", "lobby", before.GetProperty("eventId").GetString()));
        Assert.False(rejoined.GetProperty("resumed").GetBoolean());
        var after = await Eventually.RetryRefusedAsync("unavailable", () => aliceAgain.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "after"));
        var edit = await Eventually.RetryRefusedAsync("unavailable", () => aliceAgain.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, JsonDocument.Parse("[3, \"d\"]").RootElement, Guid.NewGuid().ToString()));
        Assert.Equal(2, edit.GetProperty("revision").GetInt32());
        var bob = await room.ConnectAsync(await room.RegisterAsync());
        var join = await bob.InvokeAsync<JsonElement>("JoinRoom", "lobby", before.GetProperty("eventId").GetString());
        Assert.False(join.GetProperty("resumed").GetBoolean());
        var texts = join.GetProperty("state").GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToList();
        Assert.Equal(["before", "after"], texts);
        Assert.Equal("abcd", join.GetProperty("state").GetProperty("document").GetProperty("text").GetString());
        Assert.True(EventIdOrder.Instance.Compare(after.GetProperty("eventId").GetString(), before.GetProperty("eventId").GetString()) > 0);
        Assert.Equal(HttpStatusCode.OK, (await room.Http.GetAsync("/readyz")).StatusCode);
    }
}
