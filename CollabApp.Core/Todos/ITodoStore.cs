namespace CollabApp.Core.Todos;

/// <summary>
/// Durable to-do state (the database) and the arbiter of versions: every write is a compare-and-swap
/// on the stored version, so concurrent writers on any instance cannot both win.
/// </summary>
public interface ITodoStore
{
    /// <summary>The item, including a deleted one (whose id stays taken so a retried add cannot resurrect it).</summary>
    Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken);

    /// <summary>The room's live items in ascending position.</summary>
    Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Adds an item; false when the id is already taken.</summary>
    Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken);

    /// <summary>Replaces (or, with <paramref name="delete"/>, deletes) the item if its stored version is still <paramref name="expectedVersion"/>.</summary>
    Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, bool delete, CancellationToken cancellationToken);
}

/// <summary>A stored to-do and whether it has been deleted.</summary>
public sealed record StoredTodo(TodoItem Item, bool Deleted);
