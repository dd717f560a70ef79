namespace CollabApp.Core.Events;

/// <summary>
/// The embedded mode's room streams: per room, a lock orders commits; each commit assigns the next id,
/// keeps the newest <see cref="EventLogOptions.RetainedEvents"/> events and publishes while still holding
/// the lock, so publish order is commit order (what the Redis script guarantees in the scaled mode).
/// </summary>
public sealed class InMemoryRoomEventLog(InMemoryRoomEventBus bus, EventLogOptions options, TimeProvider time) : IRoomEventLog
{
    private readonly Lock _roomsGate = new();
    private readonly Dictionary<string, RoomStream> _rooms = new(StringComparer.Ordinal);

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        var stream = StreamOf(request.RoomId);
        lock (stream.Gate)
        {
            if (request.IdempotencyKey is { } key && stream.IdempotencyKeys.TryGetValue(key, out var earlier))
            {
                return Task.FromResult(new AppendResult(earlier, IsDuplicate: true));
            }
            var id = EventId.Next(stream.Latest, time.GetUtcNow().ToUnixTimeMilliseconds());
            var committed = RoomEvents.Committed(id, request.RoomId, request.Type, request.At, request.Data);
            stream.Append(committed, request.IdempotencyKey, options.RetainedEvents);
            bus.Publish(committed);
            return Task.FromResult(new AppendResult(committed, IsDuplicate: false));
        }
    }

    public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken)
    {
        var stream = StreamOf(roomId);
        lock (stream.Gate)
        {
            return Task.FromResult(stream.ReadAfter(after));
        }
    }

    public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken)
    {
        var stream = StreamOf(roomId);
        lock (stream.Gate)
        {
            return Task.FromResult(stream.Latest);
        }
    }

    private RoomStream StreamOf(string roomId)
    {
        lock (_roomsGate)
        {
            if (!_rooms.TryGetValue(roomId, out var stream))
            {
                stream = new RoomStream();
                _rooms[roomId] = stream;
            }
            return stream;
        }
    }

    private sealed class RoomStream
    {
        private readonly Queue<(RoomEvent Event, string? Key)> _retained = new();
        private EventId? _oldestTrimmed;

        public Lock Gate { get; } = new();

        public Dictionary<string, RoomEvent> IdempotencyKeys { get; } = new(StringComparer.Ordinal);

        public EventId? Latest { get; private set; }

        public void Append(RoomEvent committed, string? key, int retain)
        {
            _retained.Enqueue((committed, key));
            Latest = committed.Id;
            if (key is not null)
            {
                IdempotencyKeys[key] = committed;
            }
            while (_retained.Count > retain)
            {
                var (trimmed, trimmedKey) = _retained.Dequeue();
                _oldestTrimmed = trimmed.Id;
                if (trimmedKey is not null)
                {
                    IdempotencyKeys.Remove(trimmedKey);
                }
            }
        }

        public ReplayResult ReadAfter(EventId after)
        {
            // Resumable only for an id this stream issued, whose successors are all still retained.
            if (Latest is not { } latest || after > latest)
            {
                return ReplayResult.NotResumable;
            }
            if (after == latest)
            {
                return new ReplayResult(true, []);
            }
            if (_oldestTrimmed is { } trimmed && after < trimmed)
            {
                return ReplayResult.NotResumable;
            }
            var issued = _oldestTrimmed == after || _retained.Any(e => e.Event.Id == after);
            if (!issued)
            {
                return ReplayResult.NotResumable;
            }
            return new ReplayResult(true, [.. _retained.Select(e => e.Event).Where(e => e.Id > after)]);
        }
    }
}
