namespace CollabApp.Core.Rooms;

/// <summary>
/// A thread-safe in-memory <see cref="IRoomDirectory"/> for tests and benchmarks that need rooms without a database, kept
/// beside the port and held to the same contract as the EF directory. Like every database the app starts, it holds the
/// public lobby from the start. The app writes rooms through its room API; here <see cref="Save"/>, <see cref="Remove"/> and
/// <see cref="RemoveMember"/> stand in for it.
/// </summary>
public sealed class InMemoryRoomDirectory : IRoomDirectory
{
    /// <summary>The room every deployment has: public, without an owner.</summary>
    public static RoomInfo Lobby { get; } = new("lobby", "Lobby", IsPrivate: false, OwnerId: null);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoomInfo> _rooms = new(StringComparer.Ordinal) { [Lobby.RoomId] = Lobby };
    private readonly HashSet<(string RoomId, string UserId)> _members = [];

    public Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rooms.GetValueOrDefault(roomId));
        }
    }

    public Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_members.Contains((roomId, userId)));
        }
    }

    /// <summary>Creates the room, or replaces what is known of it (a rename), with <paramref name="memberIds"/> added as members.</summary>
    public void Save(RoomInfo room, params IEnumerable<string> memberIds)
    {
        lock (_gate)
        {
            _rooms[room.RoomId] = room;
            foreach (var userId in memberIds)
            {
                _members.Add((room.RoomId, userId));
            }
        }
    }

    /// <summary>Deletes the room and its memberships, as deleting a room does.</summary>
    public void Remove(string roomId)
    {
        lock (_gate)
        {
            _rooms.Remove(roomId);
            _members.RemoveWhere(m => m.RoomId == roomId);
        }
    }

    public void RemoveMember(string roomId, string userId)
    {
        lock (_gate)
        {
            _members.Remove((roomId, userId));
        }
    }
}
