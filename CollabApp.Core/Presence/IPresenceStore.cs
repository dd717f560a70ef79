namespace CollabApp.Core.Presence;

/// <summary>
/// Who is present where, per connection, shared by all instances. Each connection's entry is refreshed by
/// the instance that holds it; entries not refreshed within the TTL are expired by any instance, so a
/// crashed instance's users go offline without it. Methods that report a transition do so exactly once
/// across instances (the check and the update are atomic).
/// </summary>
public interface IPresenceStore
{
    /// <summary>Adds a connection; true when it is the user's first in the room (they came online).</summary>
    Task<bool> AddConnectionAsync(string roomId, PresenceConnection connection, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a connection; true when it was the user's last in the room (they went offline).</summary>
    Task<bool> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken);

    /// <summary>Marks connections as alive at <paramref name="now"/>.</summary>
    Task RefreshAsync(IReadOnlyCollection<(string RoomId, PresenceConnection Connection)> connections, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets a user's status; returns the rooms they are present in when it changed, else none.</summary>
    Task<IReadOnlyList<string>> SetStatusAsync(string userId, string status, CancellationToken cancellationToken);

    Task<IReadOnlyList<PresenceEntry>> ListAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Removes connections last refreshed before <paramref name="cutoff"/>; returns the users who went offline.</summary>
    Task<IReadOnlyList<PresenceDeparture>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>One live connection of a user.</summary>
public sealed record PresenceConnection(string ConnectionId, string UserId, string UserName);

/// <summary>A user whose last connection in a room expired.</summary>
public sealed record PresenceDeparture(string RoomId, string UserId, string UserName);
