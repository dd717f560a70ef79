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
        var bob = Bystander.Chatting(await room.JoinAsync(await room.RegisterAsync()));
        var baseline = await bob.MeasureAsync(5);

        await HubErrors.AssertRefusedAsync("too-large", () => attacker.InvokeAsync<JsonElement>("AddTodo", "lobby", Guid.NewGuid().ToString(), "one more"));
        var (during, refusals) = await bob.WhileAsync(AddManyAsync(attacker, 200));

        Assert.Equal(200, refusals);
        Assert.Equal(DefaultMaxTodosPerRoom, (await todos.ListAsync(user, "lobby", CancellationToken.None)).Count);
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
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
}
