namespace CollabApp.Hosting;

/// <summary>
/// A job every instance runs once a second to finish what a writer left half-done (it died, or a store refused the
/// second step). A failing sweep is logged once per outage, not once a second: the store being down is already
/// visible elsewhere.
/// </summary>
public abstract class RepairSweeper(TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
    private bool _failing;

    protected TimeProvider Time { get; } = time;

    /// <summary>One sweep; throws when a store cannot be reached.</summary>
    protected abstract Task SweepOnceAsync(CancellationToken cancellationToken);

    /// <summary>The first failure of an outage.</summary>
    protected abstract void LogFailing(string reason);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepOnceAsync(stoppingToken);
                _failing = false;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                if (!_failing)
                {
                    LogFailing(error.Message);
                }
                _failing = true;
            }
        }
    }
}
