using CollabApp.Core.Presence;

namespace CollabApp.Hosting;

/// <summary>Runs <see cref="PresenceService.HeartbeatAsync"/> every refresh interval.</summary>
public sealed partial class PresenceHeartbeat(PresenceService presence, PresenceOptions options, ILogger<PresenceHeartbeat> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RefreshInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await presence.HeartbeatAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHeartbeatFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 3402, Level = LogLevel.Warning, Message = "Presence heartbeat failed; retrying at the next tick")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);
}
