namespace CollabApp.Core.Documents;

/// <summary>One instance's copy of a document at a revision; guarded by <see cref="DocumentCache"/>.</summary>
public sealed class CachedDocument
{
    /// <summary>Operations kept for transforming late submissions without reading the log (the common lag is a few).</summary>
    internal const int RecentOperations = 256;
    private readonly Queue<OperationCommitted> _recent = new();

    internal SemaphoreSlim Gate { get; } = new(1, 1);

    public int Revision { get; private set; }

    public DocumentText Text { get; private set; } = DocumentText.From(string.Empty);

    internal bool Loaded { get; private set; }

    /// <summary>The newest snapshot this copy knows is in the database.</summary>
    internal int SnapshotRevision { get; set; }

    /// <summary>When this instance last committed to the document, if it has.</summary>
    internal DateTimeOffset? LastCommitAt { get; set; }

    internal void Reset(DocumentState state)
    {
        Text = DocumentText.From(state.Text);
        Revision = state.Revision;
        SnapshotRevision = state.Revision;
        Loaded = true;
        _recent.Clear();
    }

    internal void Apply(OperationCommitted operation)
    {
        if (operation.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"operation {operation.Revision} applied to revision {Revision}");
        }
        Text.Apply(operation.Op);
        Revision = operation.Revision;
        _recent.Enqueue(operation);
        if (_recent.Count > RecentOperations)
        {
            _recent.Dequeue();
        }
    }

    /// <summary>The operations after <paramref name="revision"/> up to this copy's, or null when they are no longer all kept here.</summary>
    internal IReadOnlyList<OperationCommitted>? RecentAfter(int revision)
    {
        if (revision >= Revision)
        {
            return [];
        }
        return _recent.Count > 0 && _recent.Peek().Revision <= revision + 1 ? [.. _recent.Where(o => o.Revision > revision)] : null;
    }

    /// <summary>Forgets the copy; the next read reloads it from the database and the log.</summary>
    internal void Invalidate() => Loaded = false;
}
