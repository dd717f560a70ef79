namespace CollabApp.Core.Rooms;

/// <summary>The rooms and their members (the database).</summary>
public interface IRoomDirectory
{
    Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken);

    Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken);
}
