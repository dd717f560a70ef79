namespace CollabApp.Core.Chat;

/// <summary>
/// A thread-safe in-memory <see cref="IChatStore"/> for tests and benchmarks that need a database without one, kept
/// beside the port and held to the same contract as the EF store.
/// </summary>
public sealed class InMemoryChatStore : IChatStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<ChatMessage>> _rooms = new(StringComparer.Ordinal);

    public Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(MessagesOf(roomId).Find(m => m.UserId == userId && m.ClientMessageId == clientMessageId));
        }
    }

    public Task SaveManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                var room = MessagesOf(message.RoomId);
                if (!room.Exists(m => m.Id == message.Id || (m.UserId == message.UserId && m.ClientMessageId == message.ClientMessageId)))
                {
                    room.Add(message);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<ChatMessage?> FindAsync(string roomId, string messageId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(MessagesOf(roomId).Find(m => m.Id == messageId));
        }
    }

    public Task ApplyChangesAsync(IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var change in changes)
            {
                var room = MessagesOf(change.Message.RoomId);
                var index = room.FindIndex(m => m.Id == change.Message.Id);
                if (index >= 0)
                {
                    room[index] = MessageChanges.Apply(room[index], change);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task<bool> HasAnyAsync(string roomId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(MessagesOf(roomId).Count > 0);
        }
    }

    public Task<IReadOnlyList<ChatMessage>> ListBeforeAsync(string roomId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ordered = MessagesOf(roomId).OrderBy(m => Events.EventId.TryParse(m.EventId, out var id) ? id : default).ToList();
            var end = beforeId is null ? ordered.Count : ordered.FindIndex(m => m.Id == beforeId);
            IReadOnlyList<ChatMessage> page = end < 0 ? [] : ordered[Math.Max(0, end - limit)..end];
            return Task.FromResult(page);
        }
    }

    private List<ChatMessage> MessagesOf(string roomId)
    {
        if (!_rooms.TryGetValue(roomId, out var messages))
        {
            messages = [];
            _rooms[roomId] = messages;
        }
        return messages;
    }
}
