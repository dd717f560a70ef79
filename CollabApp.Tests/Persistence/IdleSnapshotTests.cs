using System.Text.Json;
using CollabApp.Core.Documents;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Persistence;

public sealed class IdleSnapshotTests
{
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task AQuietDocument_GetsASnapshotOfItsLatestText(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode, settings: new Dictionary<string, string?>
        {
            ["Collab:Documents:SnapshotIdleSeconds"] = "1",
        });
        var alice = await room.JoinAsync(await room.RegisterAsync());
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, JsonDocument.Parse("[\"quiet\"]").RootElement, Guid.NewGuid().ToString());
        await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 1, JsonDocument.Parse("[5, \" now\"]").RootElement, Guid.NewGuid().ToString());
        var store = room.App.First.Get<IDocumentStore>();

        DocumentState snapshot = new(0, "");
        await Eventually.UntilAsync(async () => (snapshot = await store.LoadSnapshotAsync("lobby", CancellationToken.None)).Revision == 2, "a snapshot at revision 2");

        Assert.Equal("quiet now", snapshot.Text);
    }
}
