namespace CollabApp.Core.Documents;

/// <summary>Document limits and persistence cadence (<c>Collab__Limits__*</c>, <c>Collab__Documents__*</c>).</summary>
public sealed class DocumentOptions
{
    /// <summary>Longest document, in UTF-16 units.</summary>
    public int MaxDocumentLength { get; set; } = 1_000_000;

    /// <summary>
    /// Most components (after normalisation) a submitted operation may have. Transforming and applying an
    /// operation costs time per component, so this bounds the work one submission can ask for; a person
    /// typing, pasting or replacing a selection makes 1-3 components, and the web client's composed buffer
    /// stays far below this.
    /// </summary>
    public int MaxOperationComponents { get; set; } = 1_000;

    /// <summary>Committed operations kept per document for transforming late submissions.</summary>
    public int RetainedOps { get; set; } = 10_000;

    /// <summary>
    /// Bytes of committed operations kept per document, as the room stream keeps its events
    /// (<see cref="Events.EventLogOptions.RetainedBytes"/>): an op is estimated by the UTF-8 bytes of its inserted text.
    /// </summary>
    public long RetainedBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>A snapshot is written every this many operations (<c>Collab__Documents__SnapshotEvery</c>).</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>
    /// Memory the instance's cached document copies may use (<c>Collab__Documents__CacheMegabytes</c>); over it, the
    /// least recently used copies not in use are evicted.
    /// </summary>
    public long CacheBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>A cached copy unused this long is evicted (<c>Collab__Documents__CacheIdleSeconds</c>).</summary>
    public int CacheIdleSeconds { get; set; } = 300;

    /// <summary>A document quiet this long gets a snapshot of its latest text (<c>Collab__Documents__SnapshotIdleSeconds</c>).</summary>
    public int SnapshotIdleSeconds { get; set; } = 10;
}
