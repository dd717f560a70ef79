using System.Text.Json;
using CollabApp.E2E.Infrastructure;

namespace CollabApp.E2E.ScaleOut;

/// <summary>
/// Three real instances on one PostgreSQL and one Redis; one is killed with SIGKILL in the middle of chat
/// and editing. Nothing any instance acknowledged is lost, its users go offline for the others within the
/// presence TTL, its clients resume elsewhere, and a restarted instance rejoins cleanly.
/// </summary>
public sealed class CrashTests
{
    [Fact]
    public async Task KillingAnInstance_LosesNothingAcknowledged_AndItsUsersGoOfflineWithinTheTtl()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var redis = await TestRedis.StartAsync();
        var options = new AppInstanceOptions
        {
            Postgres = database.ConnectionString,
            Redis = redis.ConnectionString,
            Environment = new Dictionary<string, string>
            {
                ["Collab__Auth__SigningKey"] = "crash-test-signing-key-" + Guid.NewGuid().ToString("N"),
                ["Collab__Presence__TtlSeconds"] = "6",
                ["Collab__Presence__RefreshSeconds"] = "2",
            },
        };
        await using var a = await AppInstance.StartAsync(options with { InstanceId = "a" });
        await using var b = await AppInstance.StartAsync(options with { InstanceId = "b" });
        var c = await AppInstance.StartAsync(options with { InstanceId = "c" });
        await using var alice = await HubUser.RegisterAsync(a.BaseUrl);
        await using var bob = await HubUser.RegisterAsync(b.BaseUrl);
        var carol = await HubUser.RegisterAsync(c.BaseUrl);
        foreach (var user in new[] { alice, bob, carol })
        {
            await user.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        }
        await alice.WaitForAsync(e => Online(e, carol.UserId), "carol online");

        var acknowledged = new List<string>();
        var revision = 0;
        for (var round = 0; round < 5; round++)
        {
            foreach (var user in new[] { alice, bob, carol })
            {
                var message = await user.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), $"{user.UserName} {round}");
                acknowledged.Add(message.GetProperty("id").GetString()!);
                var op = JsonDocument.Parse($"[\"{(char)('a' + round)}\"]").RootElement;
                revision = (await user.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, op, Guid.NewGuid().ToString())).GetProperty("revision").GetInt32();
            }
        }
        var carolSawUpTo = carol.NewestEventId;

        c.Kill();

        // Carol's instance is gone without a word: the others see her offline within the TTL.
        await alice.WaitForAsync(e => Offline(e, carol.UserId), "carol offline after the crash");
        // Carol's client resumes on another instance with exactly what it missed.
        await using var carolAgain = await carol.ReconnectAsync(a.BaseUrl);
        var bobsLast = await bob.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "after the crash");
        acknowledged.Add(bobsLast.GetProperty("id").GetString()!);
        var join = await carolAgain.InvokeAsync<JsonElement>("JoinRoom", "lobby", carolSawUpTo);
        Assert.True(join.GetProperty("resumed").GetBoolean());
        await carolAgain.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "message" && x.GetProperty("data").GetProperty("text").GetString() == "after the crash"), "the missed message");

        foreach (var user in new[] { alice, bob })
        {
            var history = await user.InvokeAsync<JsonElement[]>("GetMessages", "lobby", null, 100);
            Assert.Equal(acknowledged, history.Select(m => m.GetProperty("id").GetString()!));
        }
        var onA = await alice.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        var onB = await bob.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        Assert.Equal(15, revision);
        Assert.Equal(revision, onA.GetProperty("revision").GetInt32());
        Assert.Equal(onA.GetProperty("text").GetString(), onB.GetProperty("text").GetString());
        Assert.Equal(15, onA.GetProperty("text").GetString()!.Length);

        // Restarted, the instance rejoins: a client on it sees everything.
        await using var cAgain = await AppInstance.StartAsync(options with { InstanceId = "c" });
        await using var dave = await HubUser.RegisterAsync(cAgain.BaseUrl);
        var state = (await dave.InvokeAsync<JsonElement>("JoinRoom", "lobby", null)).GetProperty("state");
        Assert.Equal(onA.GetProperty("text").GetString(), state.GetProperty("document").GetProperty("text").GetString());
        Assert.Equal(acknowledged.TakeLast(16), state.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()!));
        await bob.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "welcome back");
        await dave.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "message" && x.GetProperty("data").GetProperty("text").GetString() == "welcome back"), "a live message on the restarted instance");
        await carol.DisposeAsync();
        await c.DisposeAsync();
    }

    private static bool Online(IReadOnlyList<JsonElement> events, string userId) => HasPresence(events, userId, "online");

    private static bool Offline(IReadOnlyList<JsonElement> events, string userId) => HasPresence(events, userId, "offline");

    private static bool HasPresence(IReadOnlyList<JsonElement> events, string userId, string status) =>
        events.Any(e => e.GetProperty("type").GetString() == "presence"
            && e.GetProperty("data").GetProperty("userId").GetString() == userId
            && e.GetProperty("data").GetProperty("status").GetString() == status);
}
