namespace CollabApp.Core.Documents;

/// <summary>One instance's copy of a document at a revision; guarded by <see cref="DocumentCache"/>.</summary>
public sealed class CachedDocument
{
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
    }

    internal void Apply(OperationCommitted operation)
    {
        if (operation.Revision != Revision + 1)
        {
            throw new InvalidOperationException($"operation {operation.Revision} applied to revision {Revision}");
        }
        Text.Apply(operation.Op);
        Revision = operation.Revision;
    }

    /// <summary>Forgets the copy; the next read reloads it from the database and the log.</summary>
    internal void Invalidate() => Loaded = false;
}
