using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;

namespace CollabApp.Tests.Components.Support;

// Simple in-memory stores for component tests. The EF Core stores the app runs on have their own
// contract tests; these only need to behave the same for the cases the components exercise.

public sealed class TestRoomDirectory : IRoomDirectory
{
    private readonly Dictionary<string, RoomInfo> _rooms = new(StringComparer.Ordinal)
    {
        ["lobby"] = new RoomInfo("lobby", "Lobby", false, null),
    };

    public void Add(RoomInfo room) => _rooms[room.RoomId] = room;

    public void Remove(string roomId) => _rooms.Remove(roomId);

    public HashSet<(string RoomId, string UserId)> Members { get; } = [];

    public Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken) =>
        Task.FromResult(_rooms.GetValueOrDefault(roomId));

    public Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken) =>
        Task.FromResult(Members.Contains((roomId, userId)));
}

public sealed class TestChatStore : IChatStore
{
    private readonly Lock _gate = new();
    private readonly List<ChatMessage> _messages = [];

    /// <summary>When set, sends wait for it in the database write (to see them pending).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.Find(m => m.RoomId == roomId && m.UserId == userId && m.ClientMessageId == clientMessageId));
        }
    }

    public async Task SaveManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task;
        }
        lock (_gate)
        {
            foreach (var message in messages.Where(message => !_messages.Exists(m => m.Id == message.Id)))
            {
                _messages.Add(message);
            }
        }
    }

    public Task<bool> HasAnyAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.Exists(m => m.RoomId == roomId));
        }
    }

    /// <summary>When set, runs once before the next history read (to commit something while a snapshot is read).</summary>
    public Func<Task>? BeforeNextList { get; set; }

    public async Task<IReadOnlyList<ChatMessage>> ListBeforeAsync(string roomId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        if (BeforeNextList is { } before)
        {
            BeforeNextList = null;
            await before();
        }
        return ListBefore(roomId, beforeId, limit);
    }

    private IReadOnlyList<ChatMessage> ListBefore(string roomId, string? beforeId, int limit)
    {
        lock (_gate)
        {
            var inRoom = _messages.Where(m => m.RoomId == roomId).ToList();
            var end = beforeId is null ? inRoom.Count : inRoom.FindIndex(m => m.Id == beforeId);
            if (end < 0)
            {
                return [];
            }
            var start = Math.Max(0, end - limit);
            return inRoom.GetRange(start, end - start);
        }
    }
}

public sealed class TestTodoStore : ITodoStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string RoomId, string Id), StoredTodo> _items = [];

    /// <summary>When set, every change waits for it first (to see changes pending).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task;
        }
        lock (_gate)
        {
            return _items.GetValueOrDefault((roomId, id));
        }
    }

    public Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<TodoItem> items = [.. _items.Where(i => i.Key.RoomId == roomId && !i.Value.Deleted).Select(i => i.Value.Item).OrderBy(i => i.Position)];
            return Task.FromResult(items);
        }
    }

    public Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.TryAdd((roomId, item.Id), new StoredTodo(item, false)));
        }
    }

    public Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, bool delete, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue((roomId, item.Id), out var stored) || stored.Deleted || stored.Item.Version != expectedVersion)
            {
                return Task.FromResult(false);
            }
            _items[(roomId, item.Id)] = new StoredTodo(item, delete);
            return Task.FromResult(true);
        }
    }
}

/// <summary>No display names: the components fall back to user names (the EF source reads the accounts table).</summary>
public sealed class TestDisplayNames : CollabApp.Accounts.IDisplayNameSource
{
    public Task<string?> FindAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}
