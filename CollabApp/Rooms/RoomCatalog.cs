using CollabApp.Core.Rooms;
using CollabApp.Hosting;
using Microsoft.Extensions.Options;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Rooms;

/// <summary>Listing, creating and sharing rooms; used by the HTTP API and the room list page.</summary>
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
        db.Rooms.Add(new RoomEntity { RoomId = roomId!, Name = cleanName, IsPrivate = isPrivate, OwnerId = owner.UserId, CreatedAt = time.GetUtcNow() });
        db.RoomMembers.Add(new RoomMemberEntity { RoomId = roomId!, UserId = owner.UserId });
        return await db.SaveIgnoringDuplicateAsync(cancellationToken) ? CreateRoomOutcome.Created : CreateRoomOutcome.Taken;
    }

    public async Task<AddMemberOutcome> AddMemberAsync(CollabUser actor, string roomId, string? userName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var room = InputRules.IsValidRoomId(roomId)
            ? await db.Rooms.AsNoTracking().FirstOrDefaultAsync(r => r.RoomId == roomId, cancellationToken)
            : null;
        if (room is null)
        {
            return AddMemberOutcome.RoomNotFound;
        }
        if (room.OwnerId != actor.UserId)
        {
            return AddMemberOutcome.NotOwner;
        }
        if (!InputRules.IsValidUserName(userName))
        {
            return AddMemberOutcome.InvalidUserName;
        }
        var normalized = userName!.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken);
        if (user is null)
        {
            return AddMemberOutcome.UserNotFound;
        }
        db.RoomMembers.Add(new RoomMemberEntity { RoomId = roomId, UserId = user.Id });
        await db.SaveIgnoringDuplicateAsync(cancellationToken);
        return AddMemberOutcome.Added;
    }
}

public sealed record RoomSummary(string RoomId, string Name, bool IsPrivate);

public enum CreateRoomOutcome { Created, Taken, InvalidId, InvalidName, QuotaReached }

public enum AddMemberOutcome { Added, RoomNotFound, NotOwner, UserNotFound, InvalidUserName }
