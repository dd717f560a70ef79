namespace CollabApp.Core.Documents;

/// <summary>One instance's copy of a document at a revision; guarded by <see cref="DocumentCache"/>.</summary>
public sealed class CachedDocument
{
    /// <summary>Operations kept for transforming late submissions without reading the log (the common lag is a few).</summary>
    internal const int RecentOperations = 256;
    private const int TrimBatch = 64;
    // Consecutive revisions, oldest first, so an operation is found by its revision (every heard operation is checked
    // against the one held at its revision, on the room's delivery thread). Trimmed in batches of TrimBatch.
    private readonly List<OperationCommitted> _recent = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<OperationCommitted> _heard = new();
    private long _recentBytes;

    // What a cached document costs besides its text (the object, its gate, the dictionary entry), roughly.
    private const int OverheadBytes = 256;

    // Callers holding or waiting for the copy; -1 once retired (evicted): it can then never be leased again.
    private int _users;
    private long _lastCommitTicks;
    private long _lastUsed;

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public int Revision { get; private set; }

    public DocumentText Text { get; private set; } = DocumentText.From(string.Empty);

    internal bool Loaded { get; private set; }

    /// <summary>The newest snapshot this copy knows is in the database.</summary>
    internal int SnapshotRevision { get; set; }

    /// <summary>When this instance last committed to the document, if it has.</summary>
    internal DateTimeOffset? LastCommitAt
    {
        get => Volatile.Read(ref _lastCommitTicks) is var ticks and not 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        set => Volatile.Write(ref _lastCommitTicks, value?.UtcTicks ?? 0);
    }

    /// <summary>
    /// This instance changed the document since its last snapshot, so a snapshot is due once it goes quiet. Read
    /// without the gate (the snapshotter's scan), so it is a hint: the snapshot itself re-checks under the gate.
    /// </summary>
    internal bool HasUnsnapshottedChanges => LastCommitAt is not null && Revision > SnapshotRevision;

    /// <summary>When the copy was last used (a <see cref="TimeProvider"/> timestamp): the least recent is evicted first.</summary>
    internal long LastUsed
    {
        get => Volatile.Read(ref _lastUsed);
        set => Volatile.Write(ref _lastUsed, value);
    }

    /// <summary>The bytes of this copy counted in the cache's total (updated by the cache, under the gate).</summary>
    internal long AccountedBytes { get; set; }

    /// <summary>What the copy costs in memory now: its text and the recent operations it keeps.</summary>
    internal long Bytes => OverheadBytes + (2L * Text.Capacity) + _recentBytes;

    /// <summary>Counts a user in; false when the copy was retired (the caller then takes the cache's new one).</summary>
    internal bool TryLease()
    {
        while (true)
        {
            var users = Volatile.Read(ref _users);
            if (users < 0)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _users, users + 1, users) == users)
            {
                return true;
            }
        }
    }

    internal void EndLease() => Interlocked.Decrement(ref _users);

    /// <summary>Retires the copy if no one uses or waits for it; from then on no one can.</summary>
    internal bool TryRetire() => Interlocked.CompareExchange(ref _users, -1, 0) == 0;

    internal void Reset(DocumentState state)
    {
        Text = DocumentText.From(state.Text);
        Revision = state.Revision;
        SnapshotRevision = state.Revision;
        Loaded = true;
        _recent.Clear();
        _recentBytes = 0;
    }

    internal void Apply(OperationCommitted operation)
    {
        if (operation.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"operation {operation.Revision} applied to revision {Revision}");
        }
        Text.Apply(operation.Op);
        Revision = operation.Revision;
        _recent.Add(operation);
        _recentBytes += BytesOf(operation);
        if (_recent.Count > RecentOperations + TrimBatch)
        {
            var excess = _recent.Count - RecentOperations;
            for (var i = 0; i < excess; i++)
            {
                _recentBytes -= BytesOf(_recent[i]);
            }
            _recent.RemoveRange(0, excess);
        }
    }

    /// <summary>
    /// Keeps an operation heard from the room's events (committed by any instance) for the next holder of the copy to
    /// apply (<see cref="ApplyHeard"/>). Bounded: past that, the holder's catch-up reads the log instead.
    /// </summary>
    internal void Hear(OperationCommitted operation)
    {
        if (_heard.Count < RecentOperations)
        {
            _heard.Enqueue(operation);
        }
    }

    /// <summary>
    /// Under the gate: moves the copy on with the heard operations that continue it. Those it already has are skipped;
    /// at a gap (an event not heard) the rest is dropped and left to a catch-up from the log. One that does not fit the
    /// text (it cannot, when the log is the source of both, but the copy must never be wrong) makes the copy reload.
    /// </summary>
    internal void ApplyHeard()
    {
        while (_heard.TryDequeue(out var operation))
        {
            if (!Loaded)
            {
                continue;
            }
            if (operation.Revision <= Revision)
            {
                if (HasOtherAt(operation))
                {
                    Invalidate();
                    _heard.Clear();
                    return;
                }
                continue;
            }
            if (operation.Revision != Revision + 1)
            {
                _heard.Clear();
                return;
            }
            try
            {
                Apply(operation);
            }
            catch (CollabError)
            {
                // Text.Apply checks the operation before it changes anything.
                Invalidate();
                _heard.Clear();
                return;
            }
        }
    }

    /// <summary>
    /// Moves the copy on with operations read from the log (those it already has are skipped); false when they do not
    /// continue it, or do not fit its text (then it reloads), and a catch-up from the log must do it.
    /// </summary>
    internal bool CatchUpWith(IReadOnlyList<OperationCommitted> operations)
    {
        foreach (var operation in operations)
        {
            if (operation.Revision <= Revision)
            {
                if (HasOtherAt(operation))
                {
                    Invalidate();
                    return false;
                }
                continue;
            }
            if (operation.Revision != Revision + 1)
            {
                return false;
            }
            try
            {
                Apply(operation);
            }
            catch (CollabError)
            {
                Invalidate();
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether this copy holds a different operation at <paramref name="operation"/>'s revision (another user or client
    /// op id). The log can take back an operation it had published, when a Redis primary fails over before its replica
    /// had it; a copy that followed it and then meets the log's own operation at that revision must reload, or it would
    /// transform later submissions against text the log never had.
    /// </summary>
    private bool HasOtherAt(OperationCommitted operation)
    {
        var index = _recent.Count > 0 ? operation.Revision - _recent[0].Revision : -1;
        if (index < 0 || index >= _recent.Count)
        {
            return false;
        }
        var held = _recent[index];
        return held.UserId != operation.UserId || held.ClientOpId != operation.ClientOpId;
    }

    /// <summary>The operations after <paramref name="revision"/> up to this copy's, or null when they are no longer all kept here.</summary>
    internal IReadOnlyList<OperationCommitted>? RecentAfter(int revision)
    {
        if (revision >= Revision)
        {
            return [];
        }
        if (_recent.Count == 0 || _recent[0].Revision > revision + 1)
        {
            return null;
        }
        var start = revision + 1 - _recent[0].Revision;
        return _recent.GetRange(start, _recent.Count - start);
    }

    // An operation's objects and the text it inserts, roughly.
    private static long BytesOf(OperationCommitted operation) =>
        64 + operation.Op.Components.Sum(c => c is Insert insert ? 32 + (2L * insert.Text.Length) : 32);

    /// <summary>Forgets the copy; the next read reloads it from the database and the log.</summary>
    internal void Invalidate() => Loaded = false;
}
