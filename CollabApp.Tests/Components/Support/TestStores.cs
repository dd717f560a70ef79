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

    public Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.Find(m => m.RoomId == roomId && m.UserId == userId && m.ClientMessageId == clientMessageId));
        }
    }

    public Task SaveManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var message in messages.Where(message => !_messages.Exists(m => m.Id == message.Id)))
            {
                _messages.Add(message);
            }
        }
        return Task.CompletedTask;
    }

    public Task<ChatMessage?> FindAsync(string roomId, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.Find(m => m.RoomId == roomId && m.Id == messageId));
        }
    }

    public Task ApplyChangesAsync(IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var change in changes)
            {
                var index = _messages.FindIndex(m => m.Id == change.Message.Id);
                if (index >= 0)
                {
                    _messages[index] = MessageChanges.Apply(_messages[index], change);
                }
            }
        }
        return Task.CompletedTask;
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

/// <summary>The embedded in-memory store, with a switch that holds every change (to see changes pending).</summary>
public sealed class TestTodoStore : ITodoStore
{
    private readonly InMemoryTodoStore _inner = new();

    /// <summary>When set, every change waits for it first.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public async Task<StoredTodo?> FindAsync(string roomId, string id, CancellationToken cancellationToken)
    {
        if (Hold is { } hold)
        {
            await hold.Task;
        }
        return await _inner.FindAsync(roomId, id, cancellationToken);
    }

    public Task<IReadOnlyList<TodoItem>> ListAsync(string roomId, CancellationToken cancellationToken) =>
        _inner.ListAsync(roomId, cancellationToken);

    public Task<bool> TryAddAsync(string roomId, TodoItem item, CancellationToken cancellationToken) =>
        _inner.TryAddAsync(roomId, item, cancellationToken);

    public Task<bool> TryReplaceAsync(string roomId, TodoItem item, int expectedVersion, string kind, CancellationToken cancellationToken) =>
        _inner.TryReplaceAsync(roomId, item, expectedVersion, kind, cancellationToken);

    public Task MarkPublishedAsync(string roomId, string id, int version, CancellationToken cancellationToken) =>
        _inner.MarkPublishedAsync(roomId, id, version, cancellationToken);

    public Task<IReadOnlyList<UnpublishedTodo>> ListUnpublishedAsync(DateTimeOffset changedBefore, int limit, CancellationToken cancellationToken) =>
        _inner.ListUnpublishedAsync(changedBefore, limit, cancellationToken);
}

/// <summary>No display names: the components fall back to user names (the EF source reads the accounts table).</summary>
public sealed class TestDisplayNames : CollabApp.Accounts.IDisplayNameSource
{
    public Task<string?> FindAsync(string userId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);
}

public sealed class TestReadMarkerStore(IChatStore chat) : IReadMarkerStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string UserId, string RoomId), ReadMarker> _markers = new();

    public Task<ReadMarker?> GetAsync(string userId, string roomId, CancellationToken cancellationToken) =>
        Task.FromResult(_markers.GetValueOrDefault((userId, roomId)));

    public Task AdvanceAsync(string userId, string roomId, ReadMarker marker, CancellationToken cancellationToken)
    {
        _markers.AddOrUpdate((userId, roomId), marker, (_, current) => marker.EventId > current.EventId ? marker : current);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(string userId, int cap, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var ((user, roomId), marker) in _markers.Where(m => m.Key.UserId == userId))
        {
            var messages = await chat.ListBeforeAsync(roomId, null, int.MaxValue, cancellationToken);
            counts[roomId] = Math.Min(cap, messages.Count(m => m.UserId != user && !m.Deleted
                && CollabApp.Core.Events.EventId.TryParse(m.EventId, out var id) && id > marker.EventId));
        }
        return counts;
    }
}
