using System.Collections.Concurrent;
using CollabApp.Core.Rooms;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// Every room call checks rights, so the directory is on the hot path of every hub call and UI action.
/// Rooms are never deleted or made public/private after creation and members are never removed, so a
/// found room and a granted membership can be remembered for the life of the process; "not found" and
/// "not a member" are always asked again (the room or the membership may be created a moment later).
/// </summary>
public sealed class CachingRoomDirectory(IRoomDirectory inner) : IRoomDirectory
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, RoomInfo> _rooms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string RoomId, string UserId), bool> _members = new();

    public async Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken)
    {
        if (_rooms.TryGetValue(roomId, out var cached))
        {
            return cached;
        }
        var room = await inner.FindAsync(roomId, cancellationToken);
        if (room is not null && _rooms.Count < MaxEntries)
        {
            _rooms[roomId] = room;
        }
        return room;
    }

    public async Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken)
    {
        if (_members.ContainsKey((roomId, userId)))
        {
            return true;
        }
        var member = await inner.IsMemberAsync(roomId, userId, cancellationToken);
        if (member && _members.Count < MaxEntries)
        {
            _members[(roomId, userId)] = true;
        }
        return member;
    }
}
