namespace CollabApp.Core.Todos;

/// <summary>
/// Durable to-do state (the database) and the arbiter of versions: every write is a compare-and-swap
/// on the stored version, so concurrent writers on any instance cannot both win. The store is also the
/// to-dos' outbox: each write leaves the item unpublished (with the kind of change that made it) until
/// <see cref="MarkPublishedAsync"/> says its event is in the room's log, so a change saved by a writer that
/// died or lost Redis before the append is found (<see cref="ListUnpublishedAsync"/>) and published later.
/// </summary>
public interface ITodoStore
{
    /// <summary>The item, including a deleted one (whose id stays taken so a retried add cannot resurrect it).</summary>
    Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken);

    /// <summary>The room's live items in ascending position.</summary>
    Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Adds an item (unpublished, kind <see cref="TodoChange.Added"/>); false when the id is already taken.</summary>
    Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the item if its stored version is still <paramref name="expectedVersion"/>; deletes it (keeping a
    /// tombstone) when <paramref name="kind"/> is <see cref="TodoChange.Deleted"/>. The new version is unpublished.
    /// </summary>
    Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, string kind, CancellationToken cancellationToken);

    /// <summary>The item's event up to <paramref name="version"/> is in the room's log (never moves backwards).</summary>
    Task MarkPublishedAsync(string roomId, string id, int version, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> items whose newest version was saved before <paramref name="changedBefore"/> and is not published.</summary>
    Task<IReadOnlyList<UnpublishedTodo>> ListUnpublishedAsync(DateTimeOffset changedBefore, int limit, CancellationToken cancellationToken);
}

/// <summary>A saved change whose event may not be in the room's log: the item (a tombstone for a delete) and its kind.</summary>
public sealed record UnpublishedTodo(string RoomId, TodoItem Item, string Kind);

/// <summary>A stored to-do and whether it has been deleted.</summary>
public sealed record StoredTodo(TodoItem Item, bool Deleted);
