using System.Diagnostics;
using CollabApp.Core.Events;
using CollabApp.Hosting;

namespace CollabApp.Observability;

/// <summary>Reports this instance's figures every two seconds, so the admin page can show the whole cluster.</summary>
public sealed class InstanceStatsReporter(
    IInstanceStatsStore store,
    CollabMetrics metrics,
    RoomFanout fanout,
    InstanceIdentity instance,
    TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public InstanceStats Sample()
    {
        var (committed, delivered, rateLimited, resyncs) = metrics.Totals;
        using var process = Process.GetCurrentProcess();
        return new InstanceStats(
            instance.Id,
            time.GetUtcNow(),
            metrics.Circuits,
            fanout.SubscriberCount,
            committed,
            delivered,
            fanout.OverflowCount,
            rateLimited,
            resyncs,
            process.WorkingSet64,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            await store.PublishAsync(Sample(), stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
