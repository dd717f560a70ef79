using CollabApp.Core.Rooms;

namespace CollabApp.Tests.Components.Support;

/// <summary>The in-memory directory, with reads that can be made to fail (the database is down: no room can be checked).</summary>
public sealed class SwitchableRoomDirectory(InMemoryRoomDirectory inner) : IRoomDirectory
{
    private volatile Exception? _failReads;

    /// <summary>When set, every read fails with it.</summary>
    public Exception? FailReads
    {
        get => _failReads;
        set => _failReads = value;
    }

    public Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken) =>
        FailReads is { } failure ? Task.FromException<RoomInfo?>(failure) : inner.FindAsync(roomId, cancellationToken);

    public Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken) =>
        FailReads is { } failure ? Task.FromException<bool>(failure) : inner.IsMemberAsync(roomId, userId, cancellationToken);
}
