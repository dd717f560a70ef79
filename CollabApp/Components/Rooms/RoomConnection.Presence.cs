using CollabApp.Core.Presence;

namespace CollabApp.Components.Rooms;

/// <summary>This page's presence in the room: suspended while the browser is gone, its own status kept across that.</summary>
public sealed partial class RoomConnection
{
    /// <summary>
    /// The browser went away (a closed tab, a lost network): stop counting this page as present now, rather
    /// than for the whole time the server keeps the disconnected circuit. <see cref="ResumePresenceAsync"/>
    /// counts it again if the browser comes back.
    /// </summary>
    public async Task SuspendPresenceAsync()
    {
        if (_room is not null && _presence is not null)
        {
            await presence.LeaveAsync(_room.RoomId, _presence, CancellationToken.None);
        }
    }

    /// <summary>Counts the page as present again, unless it is not in the room (not joined yet, or left).</summary>
    public async Task ResumePresenceAsync()
    {
        if (_session is { HasLeft: false } session && Volatile.Read(ref _disposed) == 0)
        {
            var away = _away;
            await presence.JoinAsync(session.Room.RoomId, session.Connection, away, CancellationToken.None);
            await CatchUpStatusAsync(away);
        }
    }

    /// <summary>
    /// Sets this tab's status (idle or hidden: away). Others see the user away only once all their tabs
    /// are; while suspended it is only remembered, for <see cref="ResumePresenceAsync"/>.
    /// </summary>
    public async Task SetStatusAsync(string status, CancellationToken cancellationToken)
    {
        _away = status == PresenceStatus.Away;
        if (_presence is not null)
        {
            await presence.SetStatusAsync(_presence, status, cancellationToken);
        }
    }

    // A status reported while the join was on its way may have reached the store before the connection did
    // (and changed nothing there): once present, apply the newest.
    private async Task CatchUpStatusAsync(bool joinedAway)
    {
        var away = _away;
        if (away != joinedAway)
        {
            await presence.SetStatusAsync(_presence!, away ? PresenceStatus.Away : PresenceStatus.Online, CancellationToken.None);
        }
    }
}
