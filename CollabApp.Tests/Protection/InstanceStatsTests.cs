using CollabApp.Components.Admin;
using CollabApp.Observability;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Protection;

public sealed class InstanceStatsTests
{
    [Fact]
    public async Task EveryInstance_ReportsThroughRedis_SoAnyInstanceSeesTheWholeCluster()
    {
        await using var app = await TestApp.StartAsync(AppMode.Scaled, instances: 2);
        var store = app.Instances[1].Get<IInstanceStatsStore>();

        IReadOnlyList<InstanceStats> seen = [];
        await Eventually.UntilAsync(async () => (seen = await store.ReadAllAsync(CancellationToken.None)).Count == 2, "both instances' reports");

        Assert.Equal(["i0", "i1"], seen.Select(s => s.InstanceId));
        Assert.All(seen, s => Assert.True(s.WorkingSetBytes > 0));
    }

    [Fact]
    public void History_TurnsRunningTotalsIntoRatesPerInstanceAndSummed()
    {
        var history = new StatsHistory(capacity: 3);
        var t0 = DateTimeOffset.UnixEpoch;
        history.Add([Stats("a", t0, 0), Stats("b", t0, 10)]);
        history.Add([Stats("a", t0.AddSeconds(2), 20), Stats("b", t0.AddSeconds(2), 30)]);

        var series = history.Rates(s => s.EventsCommitted);

        Assert.Equal(["a", "b", "all"], series.Select(s => s.Name));
        Assert.Equal([0d, 10d], series[0].Data);
        Assert.Equal([0d, 20d], series[2].Data);
    }

    private static InstanceStats Stats(string id, DateTimeOffset at, long committed) =>
        new(id, at, 0, 0, committed, 0, 0, 0, 0, 1, 1, 0, 0, 0);
}
