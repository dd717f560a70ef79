namespace CollabApp.Core.Documents;

/// <summary>Document limits and persistence cadence (<c>Collab__Limits__*</c>, <c>Collab__Documents__*</c>).</summary>
public sealed class DocumentOptions
{
    /// <summary>Longest document, in UTF-16 units.</summary>
    public int MaxDocumentLength { get; set; } = 1_000_000;

    /// <summary>Committed operations kept per document for transforming late submissions.</summary>
    public int RetainedOps { get; set; } = 10_000;

    /// <summary>A snapshot is written every this many operations.</summary>
    public int SnapshotEvery { get; set; } = 100;
}
