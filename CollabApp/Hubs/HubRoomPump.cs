using CollabApp.Core.Sessions;

namespace CollabApp.Hubs;

/// <summary>
/// One (connection, room) delivery of <see cref="HubRoomSubscriptions"/>: the session it reads and the task that writes
/// its events to the connection. A pump is published to the connection's rooms before its delivery starts, so a
/// disconnect may stop it in between; a pump stopped before it started never starts.
/// </summary>
internal sealed class HubRoomPump(RoomSession session)
{
    private readonly Lock _gate = new();
    private bool _stopped;
    private Task _run = Task.CompletedTask;

    public RoomSession Session { get; } = session;

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

    /// <summary>Cancelled when the pump stops; the delivery's token.</summary>
    public CancellationTokenSource Stopping { get; } = new();

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
    /// ending the subscription fails (its queue might never complete).
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
            await Stopping.CancelAsync();
            try
            {
                await Delivery.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (TimeoutException)
            {
            }
            Stopping.Dispose();
        }
    }
}
