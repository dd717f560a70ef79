using System.Diagnostics;
using System.Text.Json;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// Issue 11, the row "5,000 to-dos in one room", with the default limits: the list has a quota (too-large:, nothing
/// added), and another user's chat round trip stays fast while the attacker keeps adding.
/// </summary>
public sealed class TodoQuotaHubTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int DefaultMaxTodosPerRoom = 1_000;
    private static readonly TimeSpan LatencyBound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task AddTodo_PastTheRoomsQuota_IsTooLarge_AndAnotherUsersChatStaysFast()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var attackerUser = await room.RegisterAsync();
        // Filled through the service (the hub's own path, minus the per-call limit that would make this slow).
        var todos = room.App.First.Get<TodoService>();
        var user = new CollabUser(attackerUser.UserId, attackerUser.UserName, attackerUser.UserName);
        for (var i = 0; i < DefaultMaxTodosPerRoom; i++)
        {
            await todos.AddAsync(user, "lobby", Guid.NewGuid().ToString(), $"item {i}", CancellationToken.None);
        }
        var attacker = await room.JoinAsync(attackerUser);
        var bob = await room.JoinAsync(await room.RegisterAsync());
        var baseline = await ChatRoundTripsAsync(bob, 5);

        await HubErrors.AssertRefusedAsync("too-large", () => attacker.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), "one more"));
        var attack = AddManyAsync(attacker, 200);
        var during = new List<TimeSpan>();
        // Bob chats at 10 messages a second, under his own per-call limit.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!attack.IsCompleted && during.Count < 30 && await pace.WaitForNextTickAsync())
        {
            during.AddRange(await ChatRoundTripsAsync(bob, 1));
        }
        var refusals = await attack;

        output.WriteLine($"{refusals} refused adds, {during.Count} round trips meanwhile; bob's chat round trips: baseline up to {baseline.Max().TotalMilliseconds:F0} ms, during up to {during.Max().TotalMilliseconds:F0} ms");
        Assert.Equal(200, refusals);
        Assert.NotEmpty(during);
        Assert.Equal(DefaultMaxTodosPerRoom, (await todos.ListAsync(user, "lobby", CancellationToken.None)).Count);
        Assert.True(during.Max() < LatencyBound, $"bob's chat round trips took up to {during.Max().TotalMilliseconds:F0} ms during the attack (baseline up to {baseline.Max().TotalMilliseconds:F0} ms)");
    }

    // Every add is refused (too-large, or rate-limited past the per-call burst); returns how many were.
    private static async Task<int> AddManyAsync(HubClient attacker, int count)
    {
        var refusals = 0;
        for (var i = 0; i < count; i++)
        {
            await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => attacker.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), "spam"));
            refusals++;
        }
        return refusals;
    }

    private static async Task<List<TimeSpan>> ChatRoundTripsAsync(HubClient client, int count)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var text = $"ping {Guid.NewGuid():N}";
            var watch = Stopwatch.StartNew();
            await client.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), text);
            await client.WaitForAsync("message", d => d.GetProperty("text").GetString() == text, text);
            times.Add(watch.Elapsed);
        }
        return times;
    }
}
