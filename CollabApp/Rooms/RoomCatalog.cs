using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Hosting;
using Microsoft.Extensions.Options;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Rooms;

/// <summary>Listing and creating rooms; used by the HTTP API and the room list page. Members: <see cref="RoomMembership"/>.</summary>
public sealed class RoomCatalog(IDbContextFactory<CollabDbContext> contexts, IOptions<LimitsOptions> limits, TimeProvider time)
{
    /// <summary>The names of <see cref="CreateAsync"/>'s arguments in its refusals (and in the HTTP API's validation problems).</summary>
    public const string RoomIdArgument = "roomId";

    /// <inheritdoc cref="RoomIdArgument"/>
    public const string NameArgument = "name";

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

    /// <summary>
    /// Creates the room, owned by <paramref name="owner"/>, and returns it. Refused with <see cref="CollabError"/>:
    /// <c>invalid</c> naming the argument (<see cref="RoomIdArgument"/> or <see cref="NameArgument"/>), <c>forbidden</c>
    /// when the owner has as many rooms as allowed, <c>conflict</c> when the id is taken (now or by a deleted room's history).
    /// </summary>
    public async Task<RoomSummary> CreateAsync(CollabUser owner, string? roomId, string? name, bool isPrivate, CancellationToken cancellationToken)
    {
        if (!InputRules.IsValidRoomId(roomId))
        {
            throw CollabError.Invalid(RoomIdArgument, "roomId must be 1-64 characters of a-z, 0-9 and '-'.");
        }
        var cleanName = string.IsNullOrWhiteSpace(name) ? roomId! : name.Trim();
        if (!InputRules.IsValidRoomName(cleanName) || !InputRules.IsWellFormedUtf16(cleanName))
        {
            throw CollabError.Invalid(NameArgument, "Name must be 1-100 characters.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Checked before the insert, not in one transaction with it: concurrent creations can pass it together, but only
        // as many as the creation rate lets through (RoomCreationThrottle), so the overshoot stays small and bounded.
        if (await db.Rooms.CountAsync(r => r.OwnerId == owner.UserId, cancellationToken) >= limits.Value.MaxRoomsPerUser)
        {
            throw CollabError.Forbidden("you own as many rooms as allowed.");
        }
        if (await HasHistoryAsync(db, roomId!, cancellationToken))
        {
            throw Taken();
        }
        db.Rooms.Add(new RoomEntity { RoomId = roomId!, Name = cleanName, IsPrivate = isPrivate, OwnerId = owner.UserId, CreatedAt = time.GetUtcNow() });
        db.RoomMembers.Add(new RoomMemberEntity { RoomId = roomId!, UserId = owner.UserId });
        return await db.SaveIgnoringDuplicateAsync(cancellationToken) ? new RoomSummary(roomId!, cleanName, isPrivate) : throw Taken();
    }

    private static CollabError Taken() => CollabError.Conflict("That room id is taken.");

    // A deleted room's history stays (RoomMembership.DeleteAsync): its id is not free again, or a new room would show
    // the old one's messages, to-dos and document.
    private static async Task<bool> HasHistoryAsync(CollabDbContext db, string roomId, CancellationToken cancellationToken) =>
        await db.ChatMessages.AnyAsync(m => m.RoomId == roomId, cancellationToken)
        || await db.Todos.AnyAsync(t => t.RoomId == roomId, cancellationToken)
        || await db.DocumentOperations.AnyAsync(o => o.RoomId == roomId, cancellationToken)
        || await db.DocumentSnapshots.AnyAsync(s => s.RoomId == roomId, cancellationToken);
}

public sealed record RoomSummary(string RoomId, string Name, bool IsPrivate);
