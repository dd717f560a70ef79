using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using CollabApp.Hubs;
using CollabApp.Observability;
using CollabApp.Tests.Hosting;
using Microsoft.Extensions.Logging;

namespace CollabApp.Tests.Hubs;

/// <summary>Issue 11, deliverable 6: a refused call costs little: counted, logged once at Information, no stack trace.</summary>
public sealed class RefusalLoggingHubTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task RefusedCalls_WriteNoWarningOrError_LogOnceWithoutException_AndAreCounted()
    {
        var logs = new TestLogs();
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, logs: logs);
        using var refusals = new RefusalCounter(room.App.First.Get<IMeterFactory>());
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var before = logs.Entries.Count;

        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync<JsonElement>("SubmitOperation", "lobby", 0, Json("[0]"), Guid.NewGuid().ToString()));
        await HubErrors.AssertRefusedAsync("not-found", () => alice.InvokeAsync<JsonElement>("OpenDocument", "no-such-room"));
        await HubErrors.AssertRefusedAsync("invalid", () => alice.InvokeAsync("SetStatus", "asleep"));

        var written = logs.Entries.Skip(before).ToList();
        Assert.DoesNotContain(written, e => e.Level >= LogLevel.Warning);
        Assert.DoesNotContain(written, e => e.Exception is not null);
        var lines = written.Where(e => e.Category == typeof(RefusalLog).FullName).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, e => Assert.Equal(LogLevel.Information, e.Level));
        Assert.Contains("SubmitOperation refused (invalid)", lines[0].Message, StringComparison.Ordinal);
        Assert.Contains("OpenDocument refused (not-found)", lines[1].Message, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, long> { ["invalid"] = 2, ["not-found"] = 1 }, refusals.ByCode());
    }

    [Fact]
    public async Task ManyRefusals_AreAllCounted_ButOnlyABudgetIsLogged()
    {
        var logs = new TestLogs();
        await using var room = await HubTestRoom.StartAsync(AppMode.Embedded, logs: logs);
        using var refusals = new RefusalCounter(room.App.First.Get<IMeterFactory>());
        var alice = await room.JoinAsync(await room.RegisterAsync());
        var bob = Bystander.Chatting(await room.JoinAsync(await room.RegisterAsync()));
        var baseline = await bob.MeasureAsync(5);
        const int Calls = 35; // within the call limit's burst of 40, so every one is refused as invalid
        var clock = Stopwatch.StartNew();

        var (during, _) = await bob.WhileAsync(RefuseAllAsync(alice, Calls));

        // The budget refills one line a second; the elapsed time only widens the bound, it is not what is tested.
        var allowed = RefusalLog.Budget.Capacity + (int)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1;
        var lines = logs.Entries.Count(e => e.Category == typeof(RefusalLog).FullName);
        Assert.InRange(lines, RefusalLog.Budget.Capacity, Math.Min(allowed, Calls - 1));
        Assert.Equal(Calls, refusals.ByCode()["invalid"]);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning && e.Category.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal));
        Bystander.AssertUnaffected(baseline, during, output.WriteLine);
    }

    private static async Task<int> RefuseAllAsync(HubClient client, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            await HubErrors.AssertRefusedAsync("invalid", () => client.InvokeAsync("SetStatus", "asleep"));
        }
        return calls;
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>Sums collab.hub.refusals by code, from this app's meters only (other tests run apps in parallel).</summary>
    private sealed class RefusalCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<string, long> _byCode = [];

        public RefusalCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CollabMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "collab.hub.refusals")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "code")
                    {
                        lock (_byCode)
                        {
                            _byCode[(string)tag.Value!] = _byCode.GetValueOrDefault((string)tag.Value!) + value;
                        }
                    }
                }
            });
            _listener.Start();
        }

        public Dictionary<string, long> ByCode()
        {
            lock (_byCode)
            {
                return new Dictionary<string, long>(_byCode);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
