namespace CollabApp.Core.Todos;

/// <summary>The embedded mode's to-dos without a database file: one lock, the same rules as the database stores.</summary>
public sealed class InMemoryTodoStore : ITodoStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string RoomId, string Id), Row> _rows = [];

    public Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue((roomId, id), out var row) ? new StoredTodo(row.Item, row.Kind == TodoChange.Deleted) : null);
        }
    }

    public Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TodoItem> items =
            [
                .. _rows.Where(r => r.Key.RoomId == roomId && r.Value.Kind != TodoChange.Deleted)
                    .Select(r => r.Value.Item)
                    .OrderBy(i => i.Position).ThenBy(i => i.Id, StringComparer.Ordinal),
            ];
            return Task.FromResult(items);
        }
    }

    public Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryAdd((roomId, item.Id), new Row(item, TodoChange.Added, 0)));
        }
    }

    public Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, string kind, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((roomId, item.Id), out var row) || row.Kind == TodoChange.Deleted || row.Item.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }
            _rows[(roomId, item.Id)] = row with { Item = item, Kind = kind };
            return Task.FromResult(true);
        }
    }

    public Task MarkPublishedAsync(string roomId, string id, int version, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((roomId, id), out var row) && row.PublishedVersion < version)
            {
                _rows[(roomId, id)] = row with { PublishedVersion = version };
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<UnpublishedTodo>> ListUnpublishedAsync(DateTimeOffset changedBefore, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<UnpublishedTodo> unpublished =
            [
                .. _rows.Where(r => r.Value.Item.Version > r.Value.PublishedVersion && r.Value.Item.UpdatedAt < changedBefore)
                    .OrderBy(r => r.Value.Item.UpdatedAt)
                    .Take(limit)
                    .Select(r => new UnpublishedTodo(r.Key.RoomId, r.Value.Item, r.Value.Kind)),
            ];
            return Task.FromResult(unpublished);
        }
    }

    private sealed record Row(TodoItem Item, string Kind, int PublishedVersion);
}
