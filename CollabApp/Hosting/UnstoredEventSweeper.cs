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
    ILogger<UnstoredEventSweeper> logger) : RepairSweeper(time)
{
    /// <summary>Younger events are left to the instance that appended them (its group commit takes milliseconds).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);
    private const int BatchLimit = 1000;

    protected override async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var stale = await log.ReadUnstoredAsync(now - Grace, BatchLimit, cancellationToken);
        metrics.PersistenceLag(stale.Count == 0 ? TimeSpan.Zero : now - stale.Min(e => DateTimeOffset.FromUnixTimeMilliseconds(e.Id!.Value.Ms)));
        await Task.WhenAll(stale.Select(e => persister.StoreAsync(e, cancellationToken)));
        if (stale.Count > 0)
        {
            LogStored(logger, stale.Count);
        }
    }

    protected override void LogFailing(string reason) => LogSweepFailed(logger, reason);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "Stored {Count} events that their appender had not stored")]
    private static partial void LogStored(ILogger logger, int count);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Storing unstored events failed ({Reason}); retrying every second")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
