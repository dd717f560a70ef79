using CollabApp.Core.Rooms;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>Rooms and members in the database.</summary>
public sealed class EfRoomDirectory(IDbContextFactory<CollabDbContext> contexts) : IRoomDirectory
{
    public async Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var room = await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.RoomId == roomId, cancellationToken);
        return room is null ? null : new RoomInfo(room.RoomId, room.Name, room.IsPrivate, room.OwnerId);
    }

    public async Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.RoomMembers.AnyAsync(m => m.RoomId == roomId && m.UserId == userId, cancellationToken);
    }
}
