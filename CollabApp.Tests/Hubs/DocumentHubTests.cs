using System.Text.Json;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Hubs;

public sealed class DocumentHubTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task SubmitOperation_ConcurrentAtOneRevision_TransformsAndAcksByClientOpId(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());

        var first = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"hello\"]"), Guid.NewGuid().ToString());
        Assert.Equal(1, first.GetProperty("revision").GetInt32());
        var aliceOp = Guid.NewGuid().ToString();
        var bobOp = Guid.NewGuid().ToString();
        var a = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, Json("[5, \" world\"]"), aliceOp);
        var b = await bob.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, Json("[-1, \"H\", 4]"), bobOp);

        Assert.Equal(2, a.GetProperty("revision").GetInt32());
        Assert.Equal(3, b.GetProperty("revision").GetInt32());
        var document = await alice.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        Assert.Equal("Hello world", document.GetProperty("text").GetString());
        Assert.Equal(3, document.GetProperty("revision").GetInt32());

        foreach (var client in new[] { alice, bob })
        {
            var events = await client.WaitForEventsAsync(e => e.Count(x => x.GetProperty("type").GetString() == "operation") >= 3, "three operations");
            var operations = events.Where(e => e.GetProperty("type").GetString() == "operation").Select(e => e.GetProperty("data")).ToList();
            Assert.Equal([1, 2, 3], operations.Select(o => o.GetProperty("revision").GetInt32()));
            Assert.Equal(aliceOp, operations[1].GetProperty("clientOpId").GetString());
            Assert.Equal(alice.User.UserId, operations[1].GetProperty("userId").GetString());
            Assert.Equal(bobOp, operations[2].GetProperty("clientOpId").GetString());
            Assert.Equal("[\"H\",-1,10]", operations[2].GetProperty("op").GetRawText());
        }
    }

    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task SubmitOperation_Resubmitted_CommitsNothingAndReturnsTheFirstRevision(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var opId = Guid.NewGuid().ToString();

        var first = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"abc\"]"), opId);
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, Json("[3, \"d\"]"), Guid.NewGuid().ToString());
        var again = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"abc\"]"), opId);

        Assert.Equal(1, again.GetProperty("revision").GetInt32());
        Assert.Equal(first.GetProperty("revision").GetInt32(), again.GetProperty("revision").GetInt32());
        var document = await alice.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        Assert.Equal("abcd", document.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("[]", 1)]
    [InlineData("[3]", 0)]
    [InlineData("[0, \"x\"]", 0)]
    [InlineData("[\"\"]", 0)]
    [InlineData("[1.5]", 0)]
    [InlineData("{\"insert\": \"x\"}", 0)]
    [InlineData("[\"x\"]", 5)]
    [InlineData("[\"x\"]", -1)]
    [InlineData("[1, -1, 1]", 1)]
    public async Task SubmitOperation_InvalidOps_AreRefused_AndTheDocumentIsUnchanged(string op, int revision)
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        // Revision 1 is "a😀b"; [1, -1, 1] at revision 1 would cut the emoji's surrogate pair.
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"a\\ud83d\\ude00b\"]"), Guid.NewGuid().ToString());

        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", revision, Json(op), Guid.NewGuid().ToString()));

        var document = await alice.InvokeAsync<JsonElement>("OpenDocument", "lobby");
        Assert.Equal(1, document.GetProperty("revision").GetInt32());
        Assert.Equal("a\ud83d\ude00b", document.GetProperty("text").GetString());
    }

    [Fact]
    public async Task SubmitOperation_PastTheLengthLimit_IsTooLarge()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, settings: new Dictionary<string, string?> { ["Collab:Limits:MaxDocumentLength"] = "10" });
        var alice = await room.JoinAsync(await room.RegisterAsync());

        await HubErrors.AssertRefusedAsync("too-large", () => alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"0123456789x\"]"), Guid.NewGuid().ToString()));
        var exactly = await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"0123456789\"]"), Guid.NewGuid().ToString());

        Assert.Equal(1, exactly.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task UpdateCursor_ReachesOthers()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = await room.JoinAsync(await room.RegisterAsync());
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[\"hello\"]"), Guid.NewGuid().ToString());

        await alice.InvokeAsync("UpdateCursor", "lobby", 1, 1, 3);

        await bob.WaitForAsync("cursor", d => d.GetProperty("anchor").GetInt32() == 1 && d.GetProperty("head").GetInt32() == 3 && d.GetProperty("revision").GetInt32() == 1, "the cursor");
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync("UpdateCursor", "lobby", 7, 0, 0));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync("UpdateCursor", "lobby", 1, -1, 0));
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
