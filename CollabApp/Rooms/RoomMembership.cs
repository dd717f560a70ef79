using CollabApp.Core;
using CollabApp.Core.Events;
using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Rooms;

/// <summary>
/// A room's member list, name and existence, for the HTTP API and the Members dialog. Rights are
/// <see cref="RoomRights"/>; refusals are <see cref="CollabError"/>s that change nothing. Each change is written to
/// the database first and then announced on the <see cref="RoomChangeBus"/>, which makes every instance forget what it
/// remembered of the room and tells everyone in the room (a removed member's pages and connections leave it).
/// A public room's list holds its owner and the members the owner added; being on it grants nothing more.
/// </summary>
public sealed partial class RoomMembership(
    IDbContextFactory<CollabDbContext> contexts,
    RoomAccess access,
    RoomChangeBus changes,
    ILogger<RoomMembership> logger) : IRoomAdministration
{
    /// <summary>The owner first, then the members by display name; for anyone who may enter the room.</summary>
    public async Task<IReadOnlyList<RoomMember>> ListAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await RequireRoomAsync(user, roomId, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == room.OwnerId || db.RoomMembers.Any(m => m.RoomId == room.RoomId && m.UserId == u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .ToListAsync(cancellationToken);
        return [.. people
            .Select(p => new RoomMember(p.Id, p.UserName!, string.IsNullOrWhiteSpace(p.DisplayName) ? p.UserName! : p.DisplayName, p.Id == room.OwnerId))
            .OrderByDescending(m => m.IsOwner)
            .ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(m => m.UserName, StringComparer.Ordinal)];
    }

    /// <summary>Adds a member (the owner only); adding one who is a member already changes nothing.</summary>
    public async Task<RoomMember> AddAsync(CollabUser actor, string? roomId, string? userName, CancellationToken cancellationToken)
    {
        var room = await RequireRoomAsync(actor, roomId, cancellationToken);
        RoomRights.RequireOwner(room, actor);
        var user = await RequireUserAsync(userName, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.RoomMembers.Add(new RoomMemberEntity { RoomId = room.RoomId, UserId = user.UserId });
        if (await db.SaveIgnoringDuplicateAsync(cancellationToken) && user.UserId != room.OwnerId)
        {
            await AnnounceAsync(RoomChangeEventTypes.MemberAdded, new MemberChange(room.RoomId, user.UserId, user.UserName, user.DisplayName), cancellationToken);
        }
        return user with { IsOwner = user.UserId == room.OwnerId };
    }

    /// <summary>
    /// Removes a member: the owner removes anyone but themselves, a member of a private room removes themselves
    /// (leaves). Their pages and connections in the room leave it on every instance.
    /// </summary>
    public async Task RemoveAsync(CollabUser actor, string? roomId, string? userName, CancellationToken cancellationToken)
    {
        var room = await RequireRoomAsync(actor, roomId, cancellationToken);
        if (!InputRules.IsValidUserName(userName))
        {
            throw CollabError.Invalid("userName is not a valid user name.");
        }
        var leaving = string.Equals(userName, actor.UserName, StringComparison.OrdinalIgnoreCase);
        if (!leaving)
        {
            // Before looking the user up, so only the owner learns who exists.
            RoomRights.RequireOwner(room, actor);
        }
        var target = leaving ? new RoomMember(actor.UserId, actor.UserName, actor.DisplayName, false) : await RequireUserAsync(userName, cancellationToken);
        RoomRights.RequireMayRemove(room, actor, target.UserId);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var removed = await db.RoomMembers.Where(m => m.RoomId == room.RoomId && m.UserId == target.UserId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 0)
        {
            throw CollabError.NotFound($"'{userName}' is not a member of room '{room.RoomId}'.");
        }
        await AnnounceAsync(RoomChangeEventTypes.MemberRemoved, new MemberChange(room.RoomId, target.UserId, target.UserName, target.DisplayName), cancellationToken);
    }

    public async Task<RoomInfo> RenameAsync(CollabUser actor, string? roomId, string? name, CancellationToken cancellationToken)
    {
        var room = await RequireRoomAsync(actor, roomId, cancellationToken);
        RoomRights.RequireOwner(room, actor);
        var cleanName = name?.Trim();
        if (!InputRules.IsValidRoomName(cleanName) || !InputRules.IsWellFormedUtf16(cleanName!))
        {
            throw CollabError.Invalid($"name must be 1-{InputRules.MaxRoomNameLength} characters.");
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Rooms.Where(r => r.RoomId == room.RoomId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, cleanName!), cancellationToken) == 0)
        {
            throw CollabError.NotFound($"room '{room.RoomId}' does not exist.");
        }
        await AnnounceAsync(RoomChangeEventTypes.RoomRenamed, new RoomRenamed(room.RoomId, cleanName!), cancellationToken);
        return room with { Name = cleanName! };
    }

    /// <summary>
    /// Deletes the room and its member list; everyone in it is told and leaves it. Its history stays in the database,
    /// out of reach, and keeps its id from being used again (<see cref="RoomCatalog.CreateAsync"/>), so a new room can
    /// never show an old one's messages, to-dos or document.
    /// </summary>
    public async Task DeleteAsync(CollabUser actor, string? roomId, CancellationToken cancellationToken)
    {
        var room = await RequireRoomAsync(actor, roomId, cancellationToken);
        RoomRights.RequireOwner(room, actor);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // Through the execution strategy, so that an outage while opening or committing is unavailable too.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(
                (db, room.RoomId), static (state, token) => DeleteInTransactionAsync(state.db, state.RoomId, token), cancellationToken);
        }
        await AnnounceAsync(RoomChangeEventTypes.RoomDeleted, new RoomDeleted(room.RoomId), cancellationToken);
    }

    private static async Task DeleteInTransactionAsync(CollabDbContext db, string roomId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RoomMembers.Where(m => m.RoomId == roomId).ExecuteDeleteAsync(cancellationToken);
        if (await db.Rooms.Where(r => r.RoomId == roomId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw CollabError.NotFound($"room '{roomId}' does not exist.");
        }
        await transaction.CommitAsync(cancellationToken);
    }

    // A malformed id names no room: not-found, as the API has always answered for one.
    private Task<RoomInfo> RequireRoomAsync(CollabUser user, string? roomId, CancellationToken cancellationToken) =>
        InputRules.IsValidRoomId(roomId)
            ? access.RequireAsync(user, roomId, cancellationToken)
            : throw CollabError.NotFound("there is no room with this id.");

    private async Task<RoomMember> RequireUserAsync(string? userName, CancellationToken cancellationToken)
    {
        if (!InputRules.IsValidUserName(userName))
        {
            throw CollabError.Invalid("userName is not a valid user name.");
        }
        var normalized = userName!.ToUpperInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.Id, u.UserName, u.DisplayName })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw CollabError.NotFound($"there is no user '{userName}'.");
        return new RoomMember(user.Id, user.UserName!, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName! : user.DisplayName, false);
    }

    // The change is committed: a bus that cannot take the news must not turn it into a failure. A publish fails when
    // Redis is unreachable, and then the other instances' subscriptions are down too: they remember nothing meanwhile
    // and forget everything when theirs comes back (RoomChangeListener), so the change still takes effect for rights;
    // only the live notice to people in the room is lost.
    private async Task AnnounceAsync(string type, object data, CancellationToken cancellationToken)
    {
        try
        {
            await changes.PublishAsync(type, data, cancellationToken);
        }
        catch (CollabError e) when (e.Code == CollabErrorCode.Unavailable)
        {
            LogAnnounceFailed(logger, e, type);
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "A committed room change ({Type}) could not be announced to the other instances")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, string type);
}
