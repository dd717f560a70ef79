using CollabApp.Core.Events;

namespace CollabApp.Hosting;

/// <summary>
/// Stores the durable events that the log still calls unstored a few seconds after their append: their instance died
/// between the append and its group commit, or the database refused the write (it was down). Every instance sweeps,
/// so a dead instance's backlog is picked up; writes are idempotent, so two sweepers storing one event is harmless.
/// The age of the oldest unstored event found is the persistence lag (a metric).
/// </summary>
public sealed partial class UnstoredEventSweeper(
    IRoomEventLog log,
    EventPersister persister,
    Observability.CollabMetrics metrics,
    TimeProvider time,
    ILogger<UnstoredEventSweeper> logger) : BackgroundService
{
    /// <summary>Younger events are left to the instance that appended them (its group commit takes milliseconds).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private const int BatchLimit = 1000;
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SweepOnceAsync(stoppingToken);
        }
    }

    private async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var now = time.GetUtcNow();
            var stale = await log.ReadUnstoredAsync(now - Grace, BatchLimit, cancellationToken);
            metrics.PersistenceLag(stale.Count == 0 ? TimeSpan.Zero : now - stale.Min(e => DateTimeOffset.FromUnixTimeMilliseconds(e.Id!.Value.Ms)));
            await Task.WhenAll(stale.Select(e => persister.StoreAsync(e, cancellationToken)));
            if (stale.Count > 0)
            {
                LogStored(logger, stale.Count);
            }
            _failing = false;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Once per outage, not once a second: the database or Redis being down is already visible elsewhere.
            if (!_failing)
            {
                LogSweepFailed(logger, error.Message);
            }
            _failing = true;
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Stored {Count} events that their appender had not stored")]
    private static partial void LogStored(ILogger logger, int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Storing unstored events failed ({Reason}); retrying every second")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
