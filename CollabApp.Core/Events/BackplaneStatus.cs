namespace CollabApp.Core.Events;

/// <summary>
/// Whether this instance currently hears the other instances' room events. The embedded bus is one process and
/// is always up; in scaled mode the Redis subscription connection reports here when it fails and when it is back
/// and the rooms have caught up. Room pages show "Reconnecting…" while it is down: events published elsewhere
/// meanwhile reach them only after the catch-up.
/// </summary>
public sealed class BackplaneStatus
{
    private int _down;

    public bool IsUp => Volatile.Read(ref _down) == 0;

    /// <summary>Raised on each change, on the reporting thread; handlers must not block.</summary>
    public event Action? Changed;

    public void ReportDown()
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Changed?.Invoke();
        }
    }

    public void ReportUp()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            Changed?.Invoke();
        }
    }
}
