using CollabApp.Core.Documents;

namespace CollabApp.Hosting;

/// <summary>
/// Snapshots documents that went quiet (<see cref="DocumentService.SnapshotIdleAsync"/>), and once more at shutdown;
/// then evicts the cached copies no one used for <see cref="DocumentOptions.CacheIdleSeconds"/>.
/// </summary>
public sealed partial class DocumentSnapshotter(DocumentService documents, DocumentOptions options, ILogger<DocumentSnapshotter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = TimeSpan.FromSeconds(options.SnapshotIdleSeconds);
        using var timer = new PeriodicTimer(idle);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await SnapshotAsync(idle, stoppingToken);
            documents.EvictIdleDocuments(TimeSpan.FromSeconds(options.CacheIdleSeconds));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await SnapshotAsync(TimeSpan.Zero, cancellationToken);
    }

    private async Task SnapshotAsync(TimeSpan idle, CancellationToken cancellationToken)
    {
        try
        {
            await documents.SnapshotIdleAsync(idle, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSnapshotFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Snapshotting idle documents failed; retrying at the next tick")]
    private static partial void LogSnapshotFailed(ILogger logger, Exception exception);
}
