using CollabApp.Core.Rooms;

namespace CollabApp.Core.Chat;

/// <summary>
/// Unread messages. A user has a marker in a room from the first time they open it; reading moves it forward (never
/// back); the messages after it, from others and not deleted, are unread. Rooms never opened have no count.
/// </summary>
public sealed class ReadMarkerService(RoomAccess access, IReadMarkerStore markers, IChatStore chat)
{
    /// <summary>Unread counts stop here: the UI shows "99+" for it, the API says it means "this many or more".</summary>
    public const int UnreadCap = 100;

    /// <summary>
    /// The marker as it was when the user opened the room (null: first visit). A first visit sets it at the newest
    /// message, so the room counts unread messages from then on.
    /// </summary>
    public async Task<ReadMarker?> OpenAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (await markers.GetAsync(user.UserId, room.RoomId, cancellationToken) is { } marker)
        {
            return marker;
        }
        var newest = await chat.ListBeforeAsync(room.RoomId, null, 1, cancellationToken);
        var start = newest.Count == 1 && Events.EventId.TryParse(newest[0].EventId, out var id) ? new ReadMarker(newest[0].Id, id) : ReadMarker.Start;
        await markers.AdvanceAsync(user.UserId, room.RoomId, start, cancellationToken);
        return null;
    }

    /// <summary>The user has seen <paramref name="messageId"/> and everything before it.</summary>
    public async Task MarkReadAsync(CollabUser user, string? roomId, string? messageId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (!InputRules.IsValidClientId(messageId))
        {
            throw CollabError.Invalid("messageId must be the id of a message.");
        }
        var message = await chat.FindAsync(room.RoomId, messageId!, cancellationToken)
            ?? throw CollabError.NotFound("no such message in this room.");
        if (!Events.EventId.TryParse(message.EventId, out var id))
        {
            throw new InvalidOperationException($"stored message {message.Id} has no event id");
        }
        await markers.AdvanceAsync(user.UserId, room.RoomId, new ReadMarker(message.Id, id), cancellationToken);
    }

    /// <summary>Unread counts (capped at <see cref="UnreadCap"/>) of the rooms the user has opened.</summary>
    public Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(CollabUser user, CancellationToken cancellationToken) =>
        markers.CountUnreadAsync(user.UserId, UnreadCap, cancellationToken);
}
