using System.Collections.Concurrent;
using CollabApp.Core.Rooms;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// Every room call checks rights, so the directory is on the hot path of every hub call and UI action. A found
/// room and a granted membership are remembered; "not found" and "not a member" are always asked again (the room or
/// the membership may be created a moment later). Renames, removals and deletions reach every instance over the room
/// change bus (<see cref="RoomChangeBus"/>), which calls <see cref="ForgetRoom"/> / <see cref="ForgetMember"/> before
/// anyone in the room hears of the change, so a removed member's next call is refused on every instance.
/// Remembering is only allowed while this instance hears those changes (<see cref="SetListening"/>): before the
/// listener subscribed, or while the Redis subscription is down, every check goes to the database.
/// </summary>
public sealed class CachingRoomDirectory(IRoomDirectory inner) : IRoomDirectory
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, RoomInfo> _rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string RoomId, string UserId), bool> _members = new();
    // Bumped by every forget: a lookup that read the database before a change and finishes after its forget must not
    // store what it read (it may be the state the change just replaced).
    private long _generation;
    private volatile bool _listening;

    public async Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken)
    {
        if (_rooms.TryGetValue(roomId, out var cached))
        {
            return cached;
        }
        var generation = Interlocked.Read(ref _generation);
        var room = await inner.FindAsync(roomId, cancellationToken);
        if (room is not null && MayStore(generation, _rooms.Count))
        {
            _rooms[roomId] = room;
            ForgetIfChangedSince(generation, () => _rooms.TryRemove(roomId, out _));
        }
        return room;
    }

    public async Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken)
    {
        if (_members.ContainsKey((roomId, userId)))
        {
            return true;
        }
        var generation = Interlocked.Read(ref _generation);
        var member = await inner.IsMemberAsync(roomId, userId, cancellationToken);
        if (member && MayStore(generation, _members.Count))
        {
            _members[(roomId, userId)] = true;
            ForgetIfChangedSince(generation, () => _members.TryRemove((roomId, userId), out _));
        }
        return member;
    }

    /// <summary>The room was renamed or deleted: read it again next time (a deleted room's members go with it).</summary>
    public void ForgetRoom(string roomId)
    {
        Interlocked.Increment(ref _generation);
        _rooms.TryRemove(roomId, out _);
        foreach (var key in _members.Keys.Where(k => k.RoomId == roomId))
        {
            _members.TryRemove(key, out _);
        }
    }

    public void ForgetMember(string roomId, string userId)
    {
        Interlocked.Increment(ref _generation);
        _members.TryRemove((roomId, userId), out _);
    }

    /// <summary>
    /// Whether this instance hears room changes. Turning it on or off forgets everything: changes may have been missed
    /// while it was off.
    /// </summary>
    public void SetListening(bool listening)
    {
        _listening = listening;
        Interlocked.Increment(ref _generation);
        _rooms.Clear();
        _members.Clear();
    }

    private bool MayStore(long generation, int count) =>
        _listening && count < MaxEntries && Interlocked.Read(ref _generation) == generation;

    // A forget may run between the check in MayStore and the store; looking again after the store closes that gap.
    private void ForgetIfChangedSince(long generation, Action forget)
    {
        if (Interlocked.Read(ref _generation) != generation || !_listening)
        {
            forget();
        }
    }
}
