using CollabApp.Core.Sessions;

namespace CollabApp.Components.Rooms;

/// <summary>
/// Joining and the pump: the session's events to the panels in order; a resync or a circuit reconnect rejoins from the
/// last event id, an outage is retried, and losing the right to the room leaves it.
/// </summary>
public sealed partial class RoomConnection
{
    // The first join opens the session (presence, then subscription and snapshot; its presence undone if it fails);
    // joining again keeps the presence and only subscribes and starts again, once the room has confirmed the user may
    // stay after an event whose check failed (false when it says they may not: the next read ends the stay, and no
    // snapshot of the room reaches the page meanwhile).
    private async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        JoinResult joined;
        bool? joinedAway = null;
        if (_session is { } session)
        {
            if (!await session.ConfirmAccessAsync())
            {
                return false;
            }
            joined = await session.RejoinAsync(cancellationToken);
        }
        else
        {
            joinedAway = _away;
            var opened = await sessions.OpenAsync(_room!, _user!, _presence!, lastEventId: null, joinedAway.Value, cancellationToken);
            Interlocked.Exchange(ref _session, opened);
            // Disposed while the open was on its way (a slow store): the disposal found no session to leave, so leave it
            // here. Both sides write, then read the other's field, each with a full fence: one of them sees the other.
            if (Volatile.Read(ref _disposed) != 0)
            {
                await LeaveAsync();
                throw new OperationCanceledException("The room page was closed while it was joining.");
            }
            joined = opened.Joined;
        }
        // The panels get the snapshot before anything else can fail: the session is open, and a join that returns
        // without its snapshot delivered would leave the page empty with no rejoin to come.
        if (joined.State is { } state)
        {
            State = state;
            await RaiseAsync(SnapshotLoaded, state);
        }
        Volatile.Write(ref _joined, true);
        if (joinedAway is { } away)
        {
            await CatchUpStatusAsync(away);
        }
        return true;
    }

    private async Task PumpAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            if (_session is not { } session)
            {
                // The first join failed (a store was down): keep trying until it works.
                await RejoinAsync();
                continue;
            }
            using var cycle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            lock (_gate)
            {
                _cycle = cycle;
            }
            try
            {
                await foreach (var roomEvent in session.ReadAsync(cycle.Token))
                {
                    await DispatchAsync(roomEvent);
                }
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                // Restart(): fall through and rejoin from the last event id.
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e)
            {
                // The room could not say whether the user may stay (a store is down): the pump goes on to the rejoin
                // below, which asks again first and is retried, the page saying it is reconnecting meanwhile.
                LogReadFailed(logger, e, session.Room.RoomId);
            }
            finally
            {
                lock (_gate)
                {
                    _cycle = null;
                }
            }
            if (session.End == RoomSessionEnd.AccessEnded)
            {
                await LeaveAsync();
                await RaiseAsync(AccessEnded, session.EndedBy!);
                return;
            }
            if (session.End == RoomSessionEnd.ResyncNeeded)
            {
                LogResync(logger, session.Room.RoomId);
            }
            await RejoinAsync();
        }
    }

    private async Task RejoinAsync()
    {
        var first = true;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var wasStarted = _session is not null;
                if (!await EnterAsync(_stopping.Token))
                {
                    return;
                }
                await ReportLiveAsync();
                if (wasStarted)
                {
                    await RaiseAsync(Restarted);
                }
                return;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogRejoinFailed(logger, e, _room!.RoomId);
                if (first)
                {
                    first = false;
                    Volatile.Write(ref _joined, false);
                    await ReportLiveAsync();
                }
                try
                {
                    await Task.Delay(RetryDelay, time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
