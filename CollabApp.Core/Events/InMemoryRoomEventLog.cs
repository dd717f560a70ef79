namespace CollabApp.Core.Events;

/// <summary>
/// The embedded mode's room streams: per room, a lock orders commits; each commit assigns the next id,
/// keeps the newest <see cref="EventLogOptions.RetainedEvents"/> events within <see cref="EventLogOptions.RetainedBytes"/>
/// (never trimming an unstored one; sized as the Redis log sizes them, by their UTF-8 JSON) and publishes while
/// still holding the lock, so publish order is commit order (what the Redis scripts guarantee in the scaled mode).
/// The process is the whole log: a restart starts every stream over, which is why keys are verified against the
/// database for a while after (<see cref="AppendOutcome.KeysUnverified"/>).
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
                return Task.FromResult(new AppendResult(AppendOutcome.Duplicate, earlier));
            }
            var now = time.GetUtcNow();
            if (request.IdempotencyKey is not null && request.AwaitsStore && NeedsKeyCheck(stream, request, now))
            {
                return Task.FromResult(AppendResult.KeysUnverified);
            }
            var size = RoomEventJson.UncommittedByteCount(request.RoomId, request.Type, request.At, request.Data);
            // The byte ceiling is reached only while unstored events pin the stream: the database is behind.
            if ((request.AwaitsStore && stream.Unstored.Count >= options.MaxUnstoredEvents) || stream.Bytes + size > 2 * options.RetainedBytes)
            {
                throw CollabError.Unavailable("the database is behind; nothing was sent. Try again shortly.");
            }
            var previous = stream.Latest;
            var id = EventId.Next(previous, now.ToUnixTimeMilliseconds());
            var committed = RoomEvents.Committed(id, request.RoomId, request.Type, request.At, request.Data);
            stream.Append(committed, request.IdempotencyKey, request.AwaitsStore, size, options);
            bus.Publish(new BusMessage(committed, previous));
            return Task.FromResult(new AppendResult(AppendOutcome.Committed, committed));
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

    public Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken)
    {
        var stream = StreamOf(roomId);
        lock (stream.Gate)
        {
            return Task.FromResult(stream.SnapshotPoint());
        }
    }

    public Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken)
    {
        var stream = StreamOf(roomId);
        lock (stream.Gate)
        {
            foreach (var id in ids)
            {
                stream.Unstored.Remove(id);
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken)
    {
        RoomStream[] streams;
        lock (_roomsGate)
        {
            streams = [.. _rooms.Values];
        }
        var found = new List<RoomEvent>();
        var beforeMs = appendedBefore.ToUnixTimeMilliseconds();
        foreach (var stream in streams)
        {
            lock (stream.Gate)
            {
                found.AddRange(stream.Unstored.TakeWhile(id => id.Ms < beforeMs).Take(limit - found.Count).Select(stream.Find).OfType<RoomEvent>());
            }
            if (found.Count >= limit)
            {
                break;
            }
        }
        return Task.FromResult<IReadOnlyList<RoomEvent>>(found);
    }

    // A stream that (re)started with history in the database cannot vouch for the keys of that history for a while.
    private bool NeedsKeyCheck(RoomStream stream, AppendRequest request, DateTimeOffset now)
    {
        if (request.KeysChecked is { } answer)
        {
            stream.KeysTrustedFrom ??= answer.RoomHasHistory ? now + options.KeyCheckWindow : now;
            return false;
        }
        return stream.KeysTrustedFrom is not { } trusted || now < trusted;
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
        private readonly LinkedList<(RoomEvent Event, string? Key, int Bytes)> _retained = new();
        private EventId? _oldestTrimmed;

        public Lock Gate { get; } = new();

        public Dictionary<string, RoomEvent> IdempotencyKeys { get; } = new(StringComparer.Ordinal);

        public SortedSet<EventId> Unstored { get; } = [];

        /// <summary>When appends stop needing a key check (null: not yet decided, the stream is new).</summary>
        public DateTimeOffset? KeysTrustedFrom { get; set; }

        public EventId? Latest { get; private set; }

        /// <summary>The UTF-8 JSON bytes of the retained events.</summary>
        public long Bytes { get; private set; }

        public void Append(RoomEvent committed, string? key, bool awaitsStore, int bytes, EventLogOptions options)
        {
            _retained.AddLast((committed, key, bytes));
            Bytes += bytes;
            Latest = committed.Id;
            if (key is not null)
            {
                IdempotencyKeys[key] = committed;
            }
            if (awaitsStore)
            {
                Unstored.Add(committed.Id!.Value);
            }
            // Trim from the front, but never past an unstored event (only the log holds it), nor the new one. Past the
            // byte retention, down to 1% under it (as the Redis script does), so a full room does not trim on every append.
            var byteGoal = Bytes > options.RetainedBytes ? options.RetainedBytes - (options.RetainedBytes / 100) : long.MaxValue;
            while ((_retained.Count > options.RetainedEvents || Bytes > byteGoal)
                && _retained.Count > 1 && !Unstored.Contains(_retained.First!.Value.Event.Id!.Value))
            {
                var (trimmed, trimmedKey, trimmedBytes) = _retained.First!.Value;
                _retained.RemoveFirst();
                Bytes -= trimmedBytes;
                _oldestTrimmed = trimmed.Id;
                if (trimmedKey is not null)
                {
                    IdempotencyKeys.Remove(trimmedKey);
                }
            }
        }

        public RoomEvent? Find(EventId id) => _retained.Select(e => e.Event).FirstOrDefault(e => e.Id == id);

        public SnapshotPoint SnapshotPoint()
        {
            if (Unstored.Count == 0)
            {
                return new SnapshotPoint(Latest, []);
            }
            var oldestUnstored = Unstored.Min;
            EventId? storedUpTo = _retained.Select(e => e.Event.Id!.Value).LastOrDefault(id => id < oldestUnstored) is var before && before != default
                ? before
                : _oldestTrimmed;
            return new SnapshotPoint(storedUpTo, [.. _retained.Select(e => e.Event).Where(e => e.Id >= oldestUnstored)]);
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
