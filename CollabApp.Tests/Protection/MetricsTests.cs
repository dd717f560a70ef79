using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CollabApp.Tests.Hosting;
using CollabApp.Tests.Hubs;

namespace CollabApp.Tests.Protection;

[Collection(ProcessWideMetrics.Name)]
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

    // Each committed operation is one durable event: counted once, whichever logs it passes through (embedded mode's
    // document log appends through the event log, and both were metered).
    [Theory]
    [InlineData(AppMode.Embedded)]
    [InlineData(AppMode.Scaled)]
    public async Task EachCommittedOperation_IsCountedOnce(AppMode mode)
    {
        await using var room = await HubTestRoom.StartAsync(mode);
        var alice = await room.JoinAsync(await room.RegisterAsync());
        for (var revision = 0; revision < 3; revision++)
        {
            var op = JsonDocument.Parse(revision == 0 ? "[\"a\"]" : $"[{revision}, \"a\"]").RootElement.Clone();
            await alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", revision, op, Guid.NewGuid().ToString());
        }

        var counted = 0.0;
        await Eventually.UntilAsync(async () => (counted = OperationsCommitted(await room.Http.GetStringAsync("/metrics"))) >= 3, "three committed operations in the metrics");

        Assert.Equal(3, counted);
        // At the head, each submission was one round trip to the log: a compare-and-append that committed, and no read.
        var metrics = await room.Http.GetStringAsync("/metrics");
        Assert.Equal(3, LogCalls(metrics, "compare_and_append", "committed"));
        Assert.Equal(0, LogCalls(metrics, "compare_and_append", "stale"));
    }

    private static double LogCalls(string metrics, string call, string outcome) =>
        Regex.Matches(metrics, $@"^collab_document_log_calls_total\{{(?=[^}}]*call=""{call}"")(?=[^}}]*outcome=""{outcome}"")[^}}]*\}}\s+(\S+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));

    private static double OperationsCommitted(string metrics) =>
        Regex.Matches(metrics, @"^collab_events_committed[^{\s]*\{[^}]*type=""operation""[^}]*\}\s+(\S+)", RegexOptions.Multiline)
            .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
