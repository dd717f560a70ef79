using CollabApp.Core.Rooms;

namespace CollabApp.Benchmarks;

/// <summary>Every valid room id is a public room: the access check runs but always succeeds.</summary>
internal sealed class PublicRoomDirectory : IRoomDirectory
{
    public Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken) =>
        Task.FromResult<RoomInfo?>(new RoomInfo(roomId, roomId, IsPrivate: false, OwnerId: null));

    public Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(true);
}
