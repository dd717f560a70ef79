using System.Text;
using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// Issue 11: the hub reads a submitted operation in linear time and refuses an over-long shape; the row "16,000
/// one-character inserts" at the call limit leaves another user's chat fast.
/// </summary>
public sealed class OperationLimitHubTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task SubmitOperation_SixteenThousandOneCharInserts_CommitsOneInsert()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());

        var result = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Repeat("\"a\"", 16_000), Guid.NewGuid().ToString());

        Assert.Equal(1, result.GetProperty("revision").GetInt32());
        var events = await alice.WaitForEventsAsync(e => e.Any(x => x.GetProperty("type").GetString() == "operation"), "the operation");
        var committed = events.Single(e => e.GetProperty("type").GetString() == "operation").GetProperty("data").GetProperty("op");
        Assert.Equal(new string('a', 16_000), Assert.Single(committed.EnumerateArray()).GetString());
    }

    [Fact]
    public async Task SubmitOperation_PastTheComponentLimit_IsTooLarge_AndChangesNothing()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"" + new string('x', 2_000) + "\"]"), Guid.NewGuid().ToString());

        // 1,001 alternating retains and deletes over the 2,000-unit document: applicable, but one too many.
        var overLimit = Repeat("1,-1", 500, tail: "1000");
        await HubErrors.AssertRefusedAsync("too-large", () => alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, overLimit, Guid.NewGuid().ToString()));

        var document = await alice.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        Assert.Equal(1, document.GetProperty("revision").GetInt32());
        Assert.Equal(new string('x', 2_000), document.GetProperty("text").GetString());
        // Exactly 1,000 components over the same 2,000 units is fine.
        var atTheLimit = Repeat("1,-1", 499, tail: "1,-1001");
        var accepted = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, atTheLimit, Guid.NewGuid().ToString());
        Assert.Equal(2, accepted.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task SixteenThousandOneCharInserts_AtTheCallLimit_LeaveAnotherUsersChatFast()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = Bystander.Chatting(await room.JoinAsync(await room.RegisterAsync()));
        var baseline = await bob.MeasureAsync(5);

        var (during, revision) = await bob.WhileAsync(InsertAndDeleteAsync(alice, Repeat("\"a\"", 16_000), rounds: 30));

        Assert.Equal(60, revision);
        var document = await Eventually.RetryRefusedAsync("rate-limited", () => alice.InvokeAsync<JsonElement>("OpenDocument", "lobby"));
        Assert.Equal("", document.GetProperty("text").GetString());
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
    }

    // The attack: the 64 KB shape, then its undoing, as fast as the per-call limit lets through (a rate-limited
    // call changed nothing: again). Returns the last revision.
    private static async Task<int> InsertAndDeleteAsync(HubClient client, JsonElement insert, int rounds)
    {
        var revision = 0;
        for (var i = 0; i < rounds * 2; i++)
        {
            var op = i % 2 == 0 ? insert : Json("[-16000]");
            var clientOpId = Guid.NewGuid().ToString();
            var result = await Eventually.RetryRefusedAsync("rate-limited", () => client.InvokeAsync<JsonElement>("SubmitOperation", "lobby", revision, op, clientOpId));
            revision = result.GetProperty("revision").GetInt32();
        }
        return revision;
    }

    private static JsonElement Repeat(string item, int count, string? tail = null)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(item);
        }
        if (tail is not null)
        {
            json.Append(',').Append(tail);
        }
        return Json(json.Append(']').ToString());
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
