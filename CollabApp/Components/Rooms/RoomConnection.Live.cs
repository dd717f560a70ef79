namespace CollabApp.Components.Rooms;

/// <summary>Whether what the panels show is current, told to them when it changes (<see cref="LiveChanged"/>).</summary>
public sealed partial class RoomConnection
{
    private bool _joined;
    private bool _reportedLive;

    /// <summary>
    /// Joined, and this instance hears the other instances: what the panels show is current. False while a join
    /// is being retried after an outage and while the backplane is down (the page says it is reconnecting).
    /// </summary>
    public bool IsLive => Volatile.Read(ref _joined) && backplane.IsUp;

    private void OnBackplaneChanged() => _ = ReportLiveAsync();

    // Tells the panels only about changes; the backplane and the pump may both report the same state.
    private async Task ReportLiveAsync()
    {
        bool changed;
        lock (_gate)
        {
            var live = IsLive;
            changed = live != _reportedLive;
            _reportedLive = live;
        }
        if (changed)
        {
            await RaiseAsync(LiveChanged);
        }
    }
}
