using CollabApp.Core.Events;
using CollabApp.Core.Rooms;

namespace CollabApp.Core.Chat;

/// <summary>
/// Editing and deleting one's own messages: the same rights, limits and commit path as sending. The change is
/// validated against the stored message (an acknowledged message is in the database), ordered by the log and
/// group-committed by the persister; the caller is answered once the database holds it.
/// </summary>
public sealed partial class ChatService
{
    public async Task<ChatMessage> EditAsync(CollabUser user, string? roomId, string? messageId, string? text, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        var trimmed = ValidateText(text);
        var current = await RequireOwnAsync(user, room.RoomId, messageId, "edit", cancellationToken);
        if (current.Deleted)
        {
            throw CollabError.NotFound("the message was deleted.");
        }
        if (current.Text == trimmed)
        {
            return current;
        }
        var now = time.GetUtcNow();
        return await CommitAsync(room.RoomId, new MessageChange(MessageChange.Edited, current with { Text = trimmed, EditedAt = now }), now, cancellationToken);
    }

    /// <summary>Deletes a message for everyone; deleting a deleted message changes nothing and answers the same.</summary>
    public async Task<ChatMessage> DeleteAsync(CollabUser user, string? roomId, string? messageId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        var current = await RequireOwnAsync(user, room.RoomId, messageId, "delete", cancellationToken);
        if (current.Deleted)
        {
            return current;
        }
        var now = time.GetUtcNow();
        return await CommitAsync(room.RoomId, new MessageChange(MessageChange.Deleted, MessageChanges.Redacted(current)), now, cancellationToken);
    }

    private async Task<ChatMessage> RequireOwnAsync(CollabUser user, string roomId, string? messageId, string verb, CancellationToken cancellationToken)
    {
        if (!InputRules.IsValidClientId(messageId))
        {
            throw CollabError.Invalid("messageId must be the id of a message.");
        }
        var message = await store.FindAsync(roomId, messageId!, cancellationToken)
            ?? throw CollabError.NotFound("no such message in this room.");
        if (message.UserId != user.UserId)
        {
            throw CollabError.Forbidden($"only its author may {verb} a message.");
        }
        return message;
    }

    // No idempotency key: applying a change twice is harmless (MessageChanges), so a retried edit may commit a second,
    // equal event, which every holder recognises.
    private async Task<ChatMessage> CommitAsync(string roomId, MessageChange change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var appended = await log.AppendAsync(new AppendRequest(roomId, ChatEventTypes.MessageChange, change, now, null, AwaitsStore: true), cancellationToken);
        await persister.StoreAsync(appended.Event, cancellationToken);
        return ((MessageChange)appended.Event.Data).Message;
    }
}
