using CollabApp.Core.Events;

namespace CollabApp.Tests.Components.Support;

/// <summary>The embedded log, with appends that can be made to fail (the real-time store is down: nothing is committed).</summary>
public sealed class SwitchableRoomEventLog(InMemoryRoomEventLog inner) : IRoomEventLog
{
    /// <summary>When set, appends fail with it.</summary>
    public Exception? FailAppends { get; set; }

    /// <summary>When set, reading a snapshot point (the first read of a join without a resumable id) fails with it.</summary>
    public Exception? FailSnapshotReads { get; set; }

    public Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken) =>
        FailAppends is { } failure ? Task.FromException<AppendResult>(failure) : inner.AppendAsync(request, cancellationToken);

    public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken) =>
        inner.ReadAfterAsync(roomId, after, cancellationToken);

    public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken) =>
        inner.GetLatestIdAsync(roomId, cancellationToken);

    public Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken) =>
        FailSnapshotReads is { } failure ? Task.FromException<SnapshotPoint>(failure) : inner.ReadSnapshotPointAsync(roomId, cancellationToken);

    public Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken) =>
        inner.MarkStoredAsync(roomId, ids, cancellationToken);

    public Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken) =>
        inner.ReadUnstoredAsync(appendedBefore, limit, cancellationToken);
}
