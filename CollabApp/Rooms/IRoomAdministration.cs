using CollabApp.Core.Rooms;

namespace CollabApp.Rooms;

/// <summary>
/// A room's member list, name and existence (<see cref="RoomMembership"/>); the Members dialog works through this, so
/// its states are tested without a database. Refusals are <see cref="Core.CollabError"/>s.
/// </summary>
public interface IRoomAdministration
{
    Task<IReadOnlyList<RoomMember>> ListAsync(CollabUser user, string? roomId, CancellationToken cancellationToken);

    Task<RoomMember> AddAsync(CollabUser actor, string? roomId, string? userName, CancellationToken cancellationToken);

    Task RemoveAsync(CollabUser actor, string? roomId, string? userName, CancellationToken cancellationToken);

    Task<RoomInfo> RenameAsync(CollabUser actor, string? roomId, string? name, CancellationToken cancellationToken);

    Task DeleteAsync(CollabUser actor, string? roomId, CancellationToken cancellationToken);
}
