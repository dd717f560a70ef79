using System.ComponentModel.DataAnnotations;

namespace CollabApp.Hosting;

/// <summary>
/// Document snapshots and the cache of document copies (<c>Collab__Documents__*</c>), validated at start like every
/// other section; Core receives them, with the document limits, as <see cref="Core.Documents.DocumentOptions"/>.
/// </summary>
public sealed class DocumentSettings
{
    public const string SectionName = "Collab:Documents";

    /// <summary>A snapshot is written every this many operations.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Collab:Documents:SnapshotEvery must be at least 1.")]
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>A document quiet this long gets a snapshot of its latest text.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Collab:Documents:SnapshotIdleSeconds must be at least 1.")]
    public int SnapshotIdleSeconds { get; set; } = 10;

    /// <summary>A cached copy unused this long is evicted; at least <see cref="SnapshotIdleSeconds"/>, so it is snapshotted first.</summary>
    public int CacheIdleSeconds { get; set; } = 300;

    /// <summary>Memory the cached copies may use; it must hold a few of the longest documents (<see cref="MinimumCacheMegabytes"/>).</summary>
    [Range(1, 1024 * 1024, ErrorMessage = "Collab:Documents:CacheMegabytes must be between 1 and 1048576.")]
    public int CacheMegabytes { get; set; } = 64;

    /// <summary>Room for four of the longest documents at two bytes a unit, or the longest would be evicted after each use.</summary>
    public static int MinimumCacheMegabytes(LimitsOptions limits) => (int)Math.Ceiling(4.0 * 2 * limits.MaxDocumentLength / (1024 * 1024));
}
