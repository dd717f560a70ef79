namespace CollabApp.Core.Presence;

/// <summary>
/// Who is present where, per connection, shared by all instances. Each connection's entry is refreshed by
/// the instance that holds it; entries not refreshed within the TTL are expired by any instance, so a
/// crashed instance's users go offline without it.
/// Status is per connection (a tab): a connection id names one connection of one user, and a hub
/// connection in several rooms has one status in all of them. A user's shown status (in every room, the
/// <see cref="PresenceEntry.Status"/>) is <c>away</c> only when every live connection of theirs, in any
/// room, is away; otherwise <c>online</c>. A connection joins with the status it has in its other rooms
/// (online for a new one), or as away when told so (a browser tab that was idle when it reconnected).
/// Every changing method returns the presence events its change causes, in order: <c>online</c> or the
/// shown status in a room the user entered, <c>offline</c> in a room they left, and the new shown status
/// in each of their other rooms when it flipped. The check and the update are atomic, so each event is
/// reported exactly once across instances.
/// </summary>
public interface IPresenceStore
{
    /// <summary>
    /// Adds a connection as of <paramref name="now"/>, set away first when <paramref name="away"/>; adding one
    /// already present only refreshes it.
    /// </summary>
    Task<IReadOnlyList<PresenceUpdate>> AddConnectionAsync(string roomId, PresenceConnection connection, bool away, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a connection from a room; an unknown one changes nothing.</summary>
    Task<IReadOnlyList<PresenceUpdate>> RemoveConnectionAsync(string roomId, PresenceConnection connection, CancellationToken cancellationToken);

    /// <summary>Marks connections as alive at <paramref name="now"/>.</summary>
    Task RefreshAsync(IReadOnlyCollection<(string RoomId, PresenceConnection Connection)> connections, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets one connection's status in every room it is in; a connection in no room changes nothing.</summary>
    Task<IReadOnlyList<PresenceUpdate>> SetStatusAsync(PresenceConnection connection, string status, CancellationToken cancellationToken);

    Task<IReadOnlyList<PresenceEntry>> ListAsync(string roomId, CancellationToken cancellationToken);

    /// <summary>Removes connections last refreshed before <paramref name="cutoff"/>.</summary>
    Task<IReadOnlyList<PresenceUpdate>> ExpireAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}

/// <summary>One live connection of a user.</summary>
public sealed record PresenceConnection(string ConnectionId, string UserId, string UserName);

/// <summary>A <c>presence</c> event to publish: the user's status in the room is now <paramref name="Status"/>.</summary>
public sealed record PresenceUpdate(string RoomId, string UserId, string UserName, string Status);
