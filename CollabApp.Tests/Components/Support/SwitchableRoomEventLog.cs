using CollabApp.Core.Events;

namespace CollabApp.Tests.Components.Support;

/// <summary>
/// The embedded log, with appends and reads that can be made to fail (the real-time store is down: nothing is
/// committed, nothing can be read).
/// </summary>
public sealed class SwitchableRoomEventLog(InMemoryRoomEventLog inner) : IRoomEventLog
{
    /// <summary>When set, appends fail with it.</summary>
    public Exception? FailAppends { get; set; }

    /// <summary>When set, reading a snapshot point (the first read of a join without a resumable id) fails with it.</summary>
    public Exception? FailSnapshotReads { get; set; }

    /// <summary>When set, every read of the room's events fails with it.</summary>
    public Exception? FailReads { get; set; }

    /// <summary>When set, every append waits for it first (to see a send pending before anything is published).</summary>
    public TaskCompletionSource? HoldAppends { get; set; }

    public async Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken)
    {
        if (HoldAppends is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }
        return FailAppends is { } failure ? throw failure : await inner.AppendAsync(request, cancellationToken);
    }

    public Task<ReplayResult> ReadAfterAsync(string roomId, EventId after, CancellationToken cancellationToken) =>
        FailReads is { } failure ? Task.FromException<ReplayResult>(failure) : inner.ReadAfterAsync(roomId, after, cancellationToken);

    public Task<EventId?> GetLatestIdAsync(string roomId, CancellationToken cancellationToken) =>
        FailReads is { } failure ? Task.FromException<EventId?>(failure) : inner.GetLatestIdAsync(roomId, cancellationToken);

    public Task<SnapshotPoint> ReadSnapshotPointAsync(string roomId, CancellationToken cancellationToken) =>
        (FailReads ?? FailSnapshotReads) is { } failure ? Task.FromException<SnapshotPoint>(failure) : inner.ReadSnapshotPointAsync(roomId, cancellationToken);

    public Task MarkStoredAsync(string roomId, IReadOnlyList<EventId> ids, CancellationToken cancellationToken) =>
        inner.MarkStoredAsync(roomId, ids, cancellationToken);

    public Task<IReadOnlyList<RoomEvent>> ReadUnstoredAsync(DateTimeOffset appendedBefore, int limit, CancellationToken cancellationToken) =>
        inner.ReadUnstoredAsync(appendedBefore, limit, cancellationToken);
}
