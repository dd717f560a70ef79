using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using CollabApp.Presence;

namespace CollabApp.Components.Rooms;

/// <summary>
/// Joining (subscribe, then snapshot or replay) and the pump: events to the panels in order, a resync or a circuit
/// reconnect rejoins from the last event id, an outage is retried, and losing the right to the room ends it.
/// </summary>
public sealed partial class RoomConnection
{
    // Subscribe first, then read the snapshot or replay: the queue holds live events meanwhile.
    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var room = _room!;
        var subscription = await fanout.SubscribeAsync(room.RoomId, cancellationToken);
        JoinResult result;
        try
        {
            result = await sessions.StartAsync(room, LastEventId, subscription.Queue, cancellationToken);
        }
        catch
        {
            await subscription.DisposeAsync();
            throw;
        }
        RoomSubscription? previous;
        lock (_gate)
        {
            previous = _subscription;
            _subscription = subscription;
        }
        if (previous is not null)
        {
            await previous.DisposeAsync();
        }
        LastEventId = result.LastEventId ?? LastEventId;
        if (result.State is { } state)
        {
            State = state;
            await RaiseAsync(SnapshotLoaded, state);
        }
    }

    private async Task PumpAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            using var cycle = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            RoomSubscription? subscription;
            lock (_gate)
            {
                _cycle = cycle;
                subscription = _subscription;
            }
            if (subscription is null)
            {
                // The first join failed (a store was down): keep trying until it works.
                await RejoinAsync();
                continue;
            }
            try
            {
                await foreach (var item in subscription.Queue.ReadAllAsync(cycle.Token))
                {
                    if (item.IsResync)
                    {
                        LogResync(logger, subscription.RoomId);
                        break;
                    }
                    await DispatchAsync(item.Event!);
                    if (await LostAccessAsync(item.Event!))
                    {
                        await LeaveRoomAsync(item.Event!);
                        return;
                    }
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
            finally
            {
                lock (_gate)
                {
                    _cycle = null;
                }
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
                var wasStarted = _subscription is not null;
                await EnterAsync(_stopping.Token);
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

    private async Task<bool> LostAccessAsync(RoomEvent roomEvent) =>
        RoomRights.MayEndAccess(roomEvent, _user!.UserId)
        && !await access.CanEnterAsync(_user, roomEvent.RoomId, CancellationToken.None);

    // Called by the pump, which then ends: what DisposeAsync would do, without waiting for the pump.
    private async Task LeaveRoomAsync(RoomEvent reason)
    {
        _left = true;
        await LeaveAsync();
        await RaiseAsync(AccessEnded, reason);
    }
}
