using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;

namespace CollabApp.Core.Chat;

/// <summary>Chat: sending (idempotent per client message id), history and typing notices; editing and deleting in ChatService.Changes.cs.</summary>
public sealed partial class ChatService(RoomAccess access, IChatStore store, IRoomEventLog log, EventPersister persister, IRoomEventBus bus, TimeProvider time)
{
    public const int MaxTextLength = 4000;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Sends a message: one commit path. The log's append orders it and decides, by the idempotency key, whether
    /// this is a retry (then the first commit is the answer); the group-committed database write follows, and the
    /// answer waits for it, so an acknowledged message is in the database. The request path makes no database
    /// round trip of its own, except for a while after the room's stream restarted, when the database vouches for
    /// keys the stream has forgotten.
    /// </summary>
    public async Task<ChatMessage> SendAsync(CollabUser user, string? roomId, string? clientMessageId, string? text, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (!InputRules.IsValidClientId(clientMessageId))
        {
            throw CollabError.Invalid("clientMessageId must be a UUID.");
        }
        var trimmed = ValidateText(text);
        var now = time.GetUtcNow();
        var draft = new ChatMessage(Guid.CreateVersion7().ToString(), room.RoomId, clientMessageId!, user.UserId, user.UserName, trimmed, now, null);
        var request = new AppendRequest(room.RoomId, ChatEventTypes.Message, draft, now, $"message:{user.UserId}:{clientMessageId}", AwaitsStore: true);
        var appended = await log.AppendAsync(request, cancellationToken);
        if (appended.Outcome == AppendOutcome.KeysUnverified)
        {
            if (await store.FindByClientIdAsync(room.RoomId, user.UserId, clientMessageId!, cancellationToken) is { } stored)
            {
                return stored;
            }
            var hasHistory = await store.HasAnyAsync(room.RoomId, cancellationToken);
            appended = await log.AppendAsync(request with { KeysChecked = new KeysChecked(hasHistory) }, cancellationToken);
        }
        // A duplicate is stored again too: its first sender may have died before the database write.
        await persister.StoreAsync(appended.Event, cancellationToken);
        return (ChatMessage)appended.Event.Data;
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(CollabUser user, string? roomId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        if (limit is < 1 or > MaxPageSize)
        {
            throw CollabError.Invalid($"limit must be between 1 and {MaxPageSize}.");
        }
        if (beforeId is not null && (beforeId.Length > 64 || !Guid.TryParse(beforeId, out _)))
        {
            throw CollabError.Invalid("beforeId must be the id of a message.");
        }
        return await store.ListBeforeAsync(room.RoomId, beforeId, limit, cancellationToken);
    }

    public async Task TypingAsync(CollabUser user, string? roomId, CancellationToken cancellationToken)
    {
        var room = await access.RequireAsync(user, roomId, cancellationToken);
        await bus.PublishTransientAsync(
            RoomEvents.Transient(room.RoomId, PresenceEventTypes.Typing, time.GetUtcNow(), new TypingNotice(user.UserId, user.UserName)),
            cancellationToken);
    }

    private static string ValidateText(string? text)
    {
        if (text is null)
        {
            throw CollabError.Invalid("text is required.");
        }
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw CollabError.Invalid("text must not be empty.");
        }
        if (trimmed.Length > MaxTextLength)
        {
            throw CollabError.Invalid($"text must be at most {MaxTextLength} characters after trimming.");
        }
        if (!InputRules.IsWellFormedUtf16(trimmed))
        {
            throw CollabError.Invalid("text contains an unpaired surrogate.");
        }
        return trimmed;
    }
}
