using CollabApp.Core.Rooms;
using CollabApp.Hosting;
using Microsoft.Extensions.Options;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Rooms;

/// <summary>Listing and creating rooms; used by the HTTP API and the room list page. Members: <see cref="RoomMembership"/>.</summary>
public sealed class RoomCatalog(IDbContextFactory<CollabDbContext> contexts, IOptions<LimitsOptions> limits, TimeProvider time)
{
    /// <summary>The rooms this user may join: every public room, and the private ones they own or belong to.</summary>
    public async Task<IReadOnlyList<RoomSummary>> ListForAsync(CollabUser user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Rooms.AsNoTracking()
            .Where(r => !r.IsPrivate || r.OwnerId == user.UserId
                || db.RoomMembers.Any(m => m.RoomId == r.RoomId && m.UserId == user.UserId))
            .OrderBy(r => r.RoomId)
            .Select(r => new RoomSummary(r.RoomId, r.Name, r.IsPrivate))
            .ToListAsync(cancellationToken);
    }

    public async Task<CreateRoomOutcome> CreateAsync(CollabUser owner, string? roomId, string? name, bool isPrivate, CancellationToken cancellationToken)
    {
        if (!InputRules.IsValidRoomId(roomId))
        {
            return CreateRoomOutcome.InvalidId;
        }
        var cleanName = string.IsNullOrWhiteSpace(name) ? roomId! : name.Trim();
        if (!InputRules.IsValidRoomName(cleanName) || !InputRules.IsWellFormedUtf16(cleanName))
        {
            return CreateRoomOutcome.InvalidName;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Checked before the insert, not in one transaction with it: concurrent creations can pass it together, but only
        // as many as the creation rate lets through (RoomCreationThrottle), so the overshoot stays small and bounded.
        if (await db.Rooms.CountAsync(r => r.OwnerId == owner.UserId, cancellationToken) >= limits.Value.MaxRoomsPerUser)
        {
            return CreateRoomOutcome.QuotaReached;
        }
        if (await HasHistoryAsync(db, roomId!, cancellationToken))
        {
            return CreateRoomOutcome.Taken;
        }
        db.Rooms.Add(new RoomEntity { RoomId = roomId!, Name = cleanName, IsPrivate = isPrivate, OwnerId = owner.UserId, CreatedAt = time.GetUtcNow() });
        db.RoomMembers.Add(new RoomMemberEntity { RoomId = roomId!, UserId = owner.UserId });
        return await db.SaveIgnoringDuplicateAsync(cancellationToken) ? CreateRoomOutcome.Created : CreateRoomOutcome.Taken;
    }

    // A deleted room's history stays (RoomMembership.DeleteAsync): its id is not free again, or a new room would show
    // the old one's messages, to-dos and document.
    private static async Task<bool> HasHistoryAsync(CollabDbContext db, string roomId, CancellationToken cancellationToken) =>
        await db.ChatMessages.AnyAsync(m => m.RoomId == roomId, cancellationToken)
        || await db.Todos.AnyAsync(t => t.RoomId == roomId, cancellationToken)
        || await db.DocumentOperations.AnyAsync(o => o.RoomId == roomId, cancellationToken)
        || await db.DocumentSnapshots.AnyAsync(s => s.RoomId == roomId, cancellationToken);
}

public sealed record RoomSummary(string RoomId, string Name, bool IsPrivate);

public enum CreateRoomOutcome { Created, Taken, InvalidId, InvalidName, QuotaReached }
