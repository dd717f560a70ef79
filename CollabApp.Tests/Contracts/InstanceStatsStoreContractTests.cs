using CollabApp.Observability;

namespace CollabApp.Tests.Contracts;

/// <summary>What every <see cref="IInstanceStatsStore"/> must do: every instance's latest figures, for any instance to read, while fresh.</summary>
public abstract class InstanceStatsStoreContractTests
{
    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task Read_BeforeAnyReport_IsEmpty()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Stats;

        Assert.Empty(await store.ReadAllAsync(default).DefaultTimeout());
    }

    [Fact]
    public async Task EveryInstancesLatestReport_IsReadByEveryInstance_InIdOrder()
    {
        await using var backplane = CreateBackplane(new());
        var first = (await backplane.AddInstanceAsync().DefaultTimeout()).Stats;
        var second = (await backplane.AddInstanceAsync().DefaultTimeout()).Stats;
        var now = DateTimeOffset.UtcNow;
        var latest = Stats("i1", now, committed: 2);

        await first.PublishAsync(Stats("i1", now.AddSeconds(-2), committed: 1), default).DefaultTimeout();
        await second.PublishAsync(Stats("i0", now, committed: 5), default).DefaultTimeout();
        await first.PublishAsync(latest, default).DefaultTimeout();

        Assert.Equal([Stats("i0", now, committed: 5), latest], await second.ReadAllAsync(default).DefaultTimeout());
        Assert.Equal([Stats("i0", now, committed: 5), latest], await first.ReadAllAsync(default).DefaultTimeout());
    }

    [Fact]
    public async Task AStoppedInstancesLastReport_IsNotRead()
    {
        await using var backplane = CreateBackplane(new());
        var store = (await backplane.AddInstanceAsync().DefaultTimeout()).Stats;
        var now = DateTimeOffset.UtcNow;
        var live = Stats("live", now.AddSeconds(-5), committed: 1);

        await store.PublishAsync(Stats("stopped", now - InstanceStats.FreshFor - TimeSpan.FromSeconds(1), committed: 1), default).DefaultTimeout();
        await store.PublishAsync(live, default).DefaultTimeout();

        Assert.Equal([live], await store.ReadAllAsync(default).DefaultTimeout());
    }

    private static InstanceStats Stats(string instanceId, DateTimeOffset at, long committed) =>
        new(instanceId, at, Circuits: 1, RoomSubscribers: 2, committed, EventsDelivered: 3, QueueOverflows: 0, RateLimitRefusals: 4, Resyncs: 0,
            WorkingSetBytes: 1_000_000, GcHeapBytes: 500_000, Gen0Collections: 7, Gen1Collections: 2, Gen2Collections: 1);
}
