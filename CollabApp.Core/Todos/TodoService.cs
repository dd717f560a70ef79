using CollabApp.Core.Events;
using CollabApp.Core.Rooms;

namespace CollabApp.Core.Todos;

/// <summary>
/// To-dos with versions. The store's compare-and-swap is the arbiter of order: a checked change with a
/// stale version is a conflict; an unchecked one is retried on the current version, so the last write
/// in the server's commit order wins and no client clock decides. Each accepted change is then
/// committed to the room's stream, and the caller is answered after both. The store doubles as the
/// outbox: a change saved but not appended (Redis down, or the instance died in between) stays
/// unpublished there, and <see cref="PublishUnpublishedAsync"/> (every instance, every second) appends it
/// under the same idempotency key, so it reaches the room once and late instead of never.
/// </summary>
public sealed class TodoService(RoomAccess access, ITodoStore store, IRoomEventLog log, TimeProvider time, IReplicaBarrier? replicas = null, TodoOptions? limits = null)
{
    private readonly TodoOptions _limits = limits ?? new TodoOptions();

    public const int MaxTitleLength = 500;
    private const int MaxCasAttempts = 32;

    public async Task<TodoItem> AddAsync(CollabUser user, string? roomId, string? id, string? title, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        RequireId(id, "id");
        var cleanTitle = ValidateTitle(title);
        if (await store.FindAsync(room.RoomId, id!, cancellationToken) is { } existing)
        {
            // A retry: the first attempt may have saved the item and failed before its event was committed, so commit it
            // (again): under the same idempotency key this publishes nothing the room has seen.
            if (!existing.Deleted && existing.Item.Version == 1)
            {
                await CommitAsync(room.RoomId, TodoChange.Added, existing.Item, cancellationToken);
            }
            return existing.Item;
        }
        var items = await store.ListAsync(room.RoomId, cancellationToken);
        if (items.Count >= _limits.MaxTodosPerRoom)
        {
            throw CollabError.TooLarge($"the room has {items.Count} to-dos; the limit is {_limits.MaxTodosPerRoom}. Delete some first.");
        }
        var position = items.Count == 0 ? 1 : Math.Floor(items[^1].Position) + 1;
        var item = new TodoItem(id!, cleanTitle, false, position, 1, time.GetUtcNow(), user.UserId);
        if (!await store.TryAddAsync(room.RoomId, item, cancellationToken))
        {
            var winner = await store.FindAsync(room.RoomId, id!, cancellationToken);
            return winner!.Item;
        }
        await CommitAsync(room.RoomId, TodoChange.Added, item, cancellationToken);
        return item;
    }

    public async Task<TodoResult> UpdateAsync(CollabUser user, string? roomId, string? id, int? expectedVersion, TodoPatch? patch, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        RequireId(id, "id");
        if (patch is null || patch.IsEmpty)
        {
            throw CollabError.Invalid("patch must set title or done.");
        }
        var clean = patch with { Title = patch.Title is null ? null : ValidateTitle(patch.Title) };
        return await ChangeAsync(room.RoomId, id!, expectedVersion, TodoChange.Updated, (current, _) => clean.ApplyTo(current), user, cancellationToken);
    }

    public async Task<TodoResult> MoveAsync(CollabUser user, string? roomId, string? id, string? beforeId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        RequireId(id, "id");
        if (beforeId is not null)
        {
            RequireId(beforeId, "beforeId");
            if (beforeId == id)
            {
                throw CollabError.Invalid("an item cannot be moved before itself.");
            }
        }
        return await ChangeAsync(room.RoomId, id!, null, TodoChange.Moved, (current, others) => current with
        {
            Position = TodoPositions.Before(others, beforeId),
        }, user, cancellationToken);
    }

    public async Task<TodoResult> DeleteAsync(CollabUser user, string? roomId, string? id, int? expectedVersion, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        RequireId(id, "id");
        for (var attempt = 0; attempt < MaxCasAttempts; attempt++)
        {
            var stored = await store.FindAsync(room.RoomId, id!, cancellationToken);
            if (stored is null || stored.Deleted)
            {
                return TodoResult.Ok(null);
            }
            if (expectedVersion is { } expected && expected != stored.Item.Version)
            {
                return TodoResult.Conflict(stored.Item);
            }
            var tombstone = stored.Item with { Version = stored.Item.Version + 1, UpdatedAt = time.GetUtcNow(), UpdatedBy = user.UserId };
            if (await store.TryReplaceAsync(room.RoomId, tombstone, stored.Item.Version, TodoChange.Deleted, cancellationToken))
            {
                await CommitAsync(room.RoomId, TodoChange.Deleted, stored.Item, cancellationToken);
                return TodoResult.Ok(stored.Item);
            }
        }
        throw CollabError.Unavailable("the item is changing too fast; try again.");
    }

    /// <summary>Largest page of <see cref="ListPageAsync"/>.</summary>
    public const int MaxPage = 500;

    /// <summary>
    /// The <paramref name="limit"/> live items after <paramref name="afterId"/> by position, or the first ones for null:
    /// how a client reads the to-dos a room snapshot left out.
    /// </summary>
    public async Task<IReadOnlyList<TodoItem>> ListPageAsync(CollabUser user, string? roomId, string? afterId, int limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPage)
        {
            throw CollabError.Invalid($"limit must be 1-{MaxPage}.");
        }
        var items = await ListAsync(user, roomId, cancellationToken);
        var start = 0;
        if (afterId is not null)
        {
            var index = items.ToList().FindIndex(i => i.Id == afterId);
            if (index < 0)
            {
                throw CollabError.NotFound("no live to-do has that id.");
            }
            start = index + 1;
        }
        return [.. items.Skip(start).Take(limit)];
    }

    public async Task<IReadOnlyList<TodoItem>> ListAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        return await store.ListAsync(room.RoomId, cancellationToken);
    }

    private async Task<TodoResult> ChangeAsync(
        string roomId,
        string id,
        int? expectedVersion,
        string kind,
        Func<TodoItem, IReadOnlyList<TodoItem>, TodoItem> change,
        CollabUser user,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxCasAttempts; attempt++)
        {
            var stored = await store.FindAsync(roomId, id, cancellationToken);
            if (stored is null || stored.Deleted)
            {
                throw CollabError.NotFound($"to-do '{id}' does not exist.");
            }
            if (expectedVersion is { } expected && expected != stored.Item.Version)
            {
                return TodoResult.Conflict(stored.Item);
            }
            var others = kind == TodoChange.Moved
                ? [.. (await store.ListAsync(roomId, cancellationToken)).Where(i => i.Id != id)]
                : Array.Empty<TodoItem>();
            var next = change(stored.Item, others) with
            {
                Version = stored.Item.Version + 1,
                UpdatedAt = time.GetUtcNow(),
                UpdatedBy = user.UserId,
            };
            if (await store.TryReplaceAsync(roomId, next, stored.Item.Version, kind, cancellationToken))
            {
                await CommitAsync(roomId, kind, next, cancellationToken);
                return TodoResult.Ok(next);
            }
        }
        throw CollabError.Unavailable("the item is changing too fast; try again.");
    }

    /// <summary>
    /// Appends the changes saved before <paramref name="changedBefore"/> whose events are not known to be in the log (a
    /// younger one is still its writer's business); returns how many. Appending one that did make it is harmless: the
    /// idempotency key is the writer's, so the log keeps one event.
    /// </summary>
    public async Task<int> PublishUnpublishedAsync(DateTimeOffset changedBefore, CancellationToken cancellationToken)
    {
        var unpublished = await store.ListUnpublishedAsync(changedBefore, MaxPage, cancellationToken);
        foreach (var (roomId, item, kind) in unpublished)
        {
            // A delete's event carries the item as it was last (the tombstone is one version newer), like the writer's.
            var eventItem = kind == TodoChange.Deleted ? item with { Version = item.Version - 1 } : item;
            await CommitAsync(roomId, kind, eventItem, cancellationToken);
        }
        return unpublished.Count;
    }

    private async Task CommitAsync(string roomId, string kind, TodoItem item, CancellationToken cancellationToken)
    {
        try
        {
            var appended = await log.AppendAsync(
                new AppendRequest(roomId, TodoEventTypes.Todo, new TodoChange(kind, item), time.GetUtcNow(), $"todo:{item.Id}:{item.Version}:{kind}"),
                cancellationToken);
            // The change is in the database already: an event a failover of the log takes back would leave the room
            // without it, silently. Confirmed on a replica, or the caller hears that it was not delivered.
            await (replicas ?? NoReplicaBarrier.Instance).ConfirmAsync([appended.Event], cancellationToken);
        }
        catch (CollabError error) when (error.Code == CollabErrorCode.Unavailable)
        {
            // The database has the change already, and it will be delivered: say so rather than "nothing was changed".
            throw CollabError.Unavailable("the change is saved and will reach the room as soon as the server can deliver it; a retry is safe.");
        }
        var storedVersion = kind == TodoChange.Deleted ? item.Version + 1 : item.Version;
        try
        {
            await store.MarkPublishedAsync(roomId, item.Id, storedVersion, cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The change is complete; the row only stays marked unpublished, and the sweep appends it again (a no-op).
        }
    }

    private static void RequireId(string? id, string name)
    {
        if (!InputRules.IsValidClientId(id))
        {
            throw CollabError.Invalid($"{name} must be a UUID.");
        }
    }

    private static string ValidateTitle(string? title)
    {
        var trimmed = title?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw CollabError.Invalid("title must not be empty.");
        }
        if (trimmed.Length > MaxTitleLength)
        {
            throw CollabError.Invalid($"title must be at most {MaxTitleLength} characters.");
        }
        if (!InputRules.IsWellFormedUtf16(trimmed))
        {
            throw CollabError.Invalid("title contains an unpaired surrogate.");
        }
        return trimmed;
    }
}
