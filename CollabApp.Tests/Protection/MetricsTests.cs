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

        var text = await WaitForMetricAsync(room.Http, "collab_events_committed");

        Assert.Contains("collab_events_committed", text, StringComparison.Ordinal);
        Assert.Contains("collab_room_subscribers", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", text, StringComparison.Ordinal);
        Assert.Contains("instance=\"i0\"", text, StringComparison.Ordinal);
    }

    private static async Task<string> WaitForMetricAsync(HttpClient http, string name)
    {
        var deadline = DateTime.UtcNow + HubClient.Timeout;
        while (true)
        {
            var text = await http.GetStringAsync("/metrics");
            if (text.Contains(name, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            // The exporter caches a scrape briefly; ask again.
            await Task.Delay(200);
        }
    }
}
