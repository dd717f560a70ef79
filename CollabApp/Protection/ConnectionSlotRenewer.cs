using CollabApp.Core.Protection;

namespace CollabApp.Protection;

/// <summary>Renews this instance's connection slots well within their lifetime (a third of it, so one missed tick is harmless).</summary>
public sealed partial class ConnectionSlotRenewer(UserConnectionCaps caps, ILogger<ConnectionSlotRenewer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(IConnectionSlots.Lifetime / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await caps.RenewAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRenewFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Warning, Message = "Renewing connection slots failed; retrying at the next tick")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
