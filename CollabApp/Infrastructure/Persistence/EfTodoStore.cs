using CollabApp.Core.Todos;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// To-dos in the database; every write is a compare-and-swap on the version column, and leaves the row unpublished
/// (<c>Version</c> above <c>PublishedVersion</c>) until its event is in the room's log.
/// </summary>
public sealed class EfTodoStore(IDbContextFactory<CollabDbContext> contexts) : ITodoStore
{
    public async Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.Todos.AsNoTracking().FirstOrDefaultAsync(t => t.RoomId == roomId && t.Id == id, cancellationToken);
        return entity is null ? null : new StoredTodo(ToItem(entity), entity.Deleted);
    }

    public async Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Todos.AsNoTracking()
            .Where(t => t.RoomId == roomId && !t.Deleted)
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .ToListAsync(cancellationToken);
        return [.. entities.Select(ToItem)];
    }

    public async Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Todos.Add(new TodoEntity
        {
            RoomId = roomId,
            Id = item.Id,
            Title = item.Title,
            Done = item.Done,
            Position = item.Position,
            Version = item.Version,
            UpdatedAt = item.UpdatedAt,
            UpdatedBy = item.UpdatedBy,
            LastChange = TodoChange.Added,
        });
        return await db.SaveIgnoringDuplicateAsync(cancellationToken);
    }

    public async Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, string kind, CancellationToken cancellationToken)
    {
        var delete = kind == TodoChange.Deleted;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Todos
            .Where(t => t.RoomId == roomId && t.Id == item.Id && t.Version == expectedVersion && !t.Deleted)
            .ExecuteUpdateAsync(set => set
                .SetProperty(t => t.Title, item.Title)
                .SetProperty(t => t.Done, item.Done)
                .SetProperty(t => t.Position, item.Position)
                .SetProperty(t => t.Version, item.Version)
                .SetProperty(t => t.UpdatedAt, item.UpdatedAt)
                .SetProperty(t => t.UpdatedBy, item.UpdatedBy)
                .SetProperty(t => t.Deleted, delete)
                .SetProperty(t => t.LastChange, kind),
                cancellationToken);
        return changed == 1;
    }

    public async Task MarkPublishedAsync(string roomId, string id, int version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Todos
            .Where(t => t.RoomId == roomId && t.Id == id && t.PublishedVersion < version)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.PublishedVersion, version), cancellationToken);
    }

    public async Task<IReadOnlyList<UnpublishedTodo>> ListUnpublishedAsync(DateTimeOffset changedBefore, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Unpublished rows are few (the partial index holds only them), so the age is checked here: SQLite cannot
        // compare DateTimeOffset values in SQL.
        var rows = await db.Todos.AsNoTracking()
            .Where(t => t.Version > t.PublishedVersion)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Where(t => t.UpdatedAt < changedBefore).OrderBy(t => t.UpdatedAt).Select(t => new UnpublishedTodo(t.RoomId, ToItem(t), t.LastChange))];
    }

    private static TodoItem ToItem(TodoEntity t) => new(t.Id, t.Title, t.Done, t.Position, t.Version, t.UpdatedAt, t.UpdatedBy);
}
