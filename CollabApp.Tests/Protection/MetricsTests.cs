using System.Text.Json;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Protection;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_ArePrometheusText_WithTheAppsOwnInstruments()
    {
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        await alice.InvokeAsync<JsonElement>("SendMessage", "lobby", Guid.NewGuid().ToString(), "counted");
        await alice.WaitForAsync("message", d => d.GetProperty("text").GetString() == "counted", "its message");

        var text = "";
        // The exporter caches a scrape briefly: ask until the new figures are in.
        await Eventually.UntilAsync(async () => (text = await room.Http.GetStringAsync("/metrics")).Contains("collab_events_committed", StringComparison.Ordinal), "the committed-events metric");

        Assert.Contains("collab_events_committed", text, StringComparison.Ordinal);
        Assert.Contains("collab_room_subscribers", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("instance=\"i0\"", text, StringComparison.Ordinal);
    }
}
