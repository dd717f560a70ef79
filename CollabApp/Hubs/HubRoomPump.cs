using CollabApp.Core.Sessions;

namespace CollabApp.Hubs;

/// <summary>
/// One (connection, room) delivery of <see cref="HubRoomSubscriptions"/>: the session it reads and the task that writes
/// its events to the connection. A pump is published to the connection's rooms before its delivery starts, so a
/// disconnect may stop it in between; a pump stopped before it started never starts.
/// </summary>
internal sealed class HubRoomPump
{
    private readonly TimeSpan _stopWait;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private bool _stopped;
    private Task _run = Task.CompletedTask;

    /// <param name="stopWait">How long a stop waits for the delivery to end (a write to a stalled connection may not).</param>
    public HubRoomPump(RoomSession session, TimeSpan stopWait)
    {
        Session = session;
        _stopWait = stopWait;
        // Taken once: a delivery still running after a stop gave up waiting for it reads a cancelled token, never a
        // disposed source.
        Stopping = _stopping.Token;
    }

    public RoomSession Session { get; }

    /// <summary>Cancelled when the pump stops; the delivery's token.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>The delivery under way, or a completed task when it has not started (or never will).</summary>
    public Task Delivery
    {
        get
        {
            lock (_gate)
            {
                return _run;
            }
        }
    }

    /// <summary>Starts the delivery, unless the pump has been stopped already.</summary>
    public void Start(Func<Task> deliver)
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _run = Task.Run(deliver);
            }
        }
    }

    /// <summary>
    /// Ends the delivery only: the session's presence belongs to whoever took the pump out. The delivery ends even when
    /// ending the subscription fails (its queue might never complete). Waits for it up to the stop wait.
    /// </summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            _stopped = true;
        }
        try
        {
            await Session.StopAsync();
        }
        finally
        {
            await _stopping.CancelAsync();
            var delivery = Delivery;
            try
            {
                await delivery.WaitAsync(_stopWait);
            }
            catch (TimeoutException)
            {
            }
            // A delivery stuck in a write past the wait keeps the source until it ends.
            _ = delivery.ContinueWith(_ => _stopping.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
