using CollabApp.Core.Chat;
using EventId = CollabApp.Core.Events.EventId;
using CollabApp.Core.Rooms;

namespace CollabApp.Components.Chat;

/// <summary>
/// What the chat shows: confirmed messages in the room's order (by event id), each once whichever way it
/// came (snapshot, live event, history page, the answer to our own send), followed by our messages that
/// the server has not confirmed yet (sending, or failed and waiting for a retry). A message of ours is
/// confirmed by its client message id, so it moves from pending to confirmed without ever showing twice.
/// </summary>
public sealed class ChatTimeline
{
    private readonly List<ChatMessage> _confirmed = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly List<ChatEntry> _local = [];

    /// <summary>Whether older messages may exist on the server (the last page was full).</summary>
    public bool HasOlder { get; private set; }

    /// <summary>The oldest confirmed message: the <c>beforeId</c> of the next history page.</summary>
    public string? OldestId => _confirmed.Count == 0 ? null : _confirmed[0].Id;

    public IEnumerable<ChatEntry> Entries =>
        _confirmed.Select(m => new ChatEntry(m.Id, m.ClientMessageId, m.UserId, m.UserName, m.Text, m.SentAt, ChatEntryState.Confirmed)
        {
            EventId = m.EventId,
            EditedAt = m.EditedAt,
            Deleted = m.Deleted,
        })
            .Concat(_local);

    /// <summary>Merges a snapshot's newest messages (at start, or after a resync).</summary>
    public void Load(IReadOnlyList<ChatMessage> newest, int pageSize)
    {
        if (_confirmed.Count == 0)
        {
            HasOlder = newest.Count >= pageSize;
        }
        foreach (var message in newest)
        {
            Add(message);
        }
    }

    /// <summary>
    /// Adds a confirmed message; false when it was already shown. A copy of a shown message that is further along
    /// (edited later, or deleted: a snapshot, a history page) replaces it.
    /// </summary>
    public bool Add(ChatMessage message)
    {
        _local.RemoveAll(e => e.ClientMessageId == message.ClientMessageId && e.UserId == message.UserId);
        if (!_ids.Add(message.Id))
        {
            Apply(new MessageChange(message.Deleted ? MessageChange.Deleted : MessageChange.Edited, message));
            return false;
        }
        var index = _confirmed.Count;
        while (index > 0 && Compare(_confirmed[index - 1], message) > 0)
        {
            index--;
        }
        _confirmed.Insert(index, message);
        return true;
    }

    /// <summary>Applies an edit or deletion to the message it names, if shown; true when that changed what is shown.</summary>
    public bool Apply(MessageChange change)
    {
        var index = _confirmed.FindIndex(m => m.Id == change.Message.Id);
        if (index < 0)
        {
            return false;
        }
        var changed = MessageChanges.Apply(_confirmed[index], change);
        if (changed == _confirmed[index])
        {
            return false;
        }
        _confirmed[index] = changed;
        return true;
    }

    /// <summary>A page of history (older than everything shown); returns how many were new.</summary>
    public int AddOlder(IReadOnlyList<ChatMessage> page, int limit)
    {
        HasOlder = page.Count >= limit;
        return page.Count(Add);
    }

    public ChatEntry AddPending(string clientMessageId, CollabUser user, string text, DateTimeOffset at)
    {
        var entry = new ChatEntry("pending-" + clientMessageId, clientMessageId, user.UserId, user.UserName, text, at, ChatEntryState.Sending);
        _local.Add(entry);
        return entry;
    }

    public void MarkFailed(string clientMessageId, string reason) => Replace(clientMessageId, e => e with { State = ChatEntryState.Failed, Error = reason });

    public void MarkSending(string clientMessageId) => Replace(clientMessageId, e => e with { State = ChatEntryState.Sending, Error = null });

    public ChatEntry? FindLocal(string clientMessageId) => _local.Find(e => e.ClientMessageId == clientMessageId);

    private void Replace(string clientMessageId, Func<ChatEntry, ChatEntry> change)
    {
        var index = _local.FindIndex(e => e.ClientMessageId == clientMessageId);
        if (index >= 0)
        {
            _local[index] = change(_local[index]);
        }
    }

    // The room's order is the event order; a message without an event id (never expected) sorts by time.
    private static int Compare(ChatMessage a, ChatMessage b)
    {
        if (EventId.TryParse(a.EventId, out var ea) && EventId.TryParse(b.EventId, out var eb))
        {
            return ea.CompareTo(eb);
        }
        var byTime = a.SentAt.CompareTo(b.SentAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Id, b.Id);
    }
}

public enum ChatEntryState
{
    Confirmed,
    Sending,
    Failed,
}

/// <summary>One line of the chat as shown.</summary>
public sealed record ChatEntry(
    string Key,
    string ClientMessageId,
    string UserId,
    string UserName,
    string Text,
    DateTimeOffset SentAt,
    ChatEntryState State,
    string? Error = null)
{
    public bool IsPending => State != ChatEntryState.Confirmed;

    /// <summary>The event that committed the message (confirmed messages only): its place in the room's order.</summary>
    public string? EventId { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public bool Deleted { get; init; }
}
