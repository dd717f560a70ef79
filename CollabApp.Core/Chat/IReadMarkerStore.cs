namespace CollabApp.Core.Chat;

/// <summary>Each user's read marker per room (the database), so it follows them across tabs and instances.</summary>
public interface IReadMarkerStore
{
    Task<ReadMarker?> GetAsync(string userId, string roomId, CancellationToken cancellationToken);

    /// <summary>Sets the marker unless it is already at or past <paramref name="marker"/>: a marker never moves back.</summary>
    Task AdvanceAsync(string userId, string roomId, ReadMarker marker, CancellationToken cancellationToken);

    /// <summary>
    /// For each room the user has a marker in: how many messages after it are unread (not their own, not deleted),
    /// counting at most <paramref name="cap"/> per room, so the count stays cheap however far behind they are.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(string userId, int cap, CancellationToken cancellationToken);
}
