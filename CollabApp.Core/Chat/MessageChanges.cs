using CollabApp.Core.Events;

namespace CollabApp.Core.Chat;

/// <summary>
/// The one rule every holder of a message (the database, the in-memory store, a browser's timeline) applies to an
/// edit or deletion, so they agree whatever order or how many times the changes reach them: a deletion always wins
/// and is final; an edit applies to a message not deleted and only if it is newer (by event id) than the last change
/// applied. The result is the same as applying the changes once each in the room's order.
/// </summary>
public static class MessageChanges
{
    /// <summary>The message after <paramref name="change"/>, or <paramref name="current"/> itself when it changes nothing.</summary>
    public static ChatMessage Apply(ChatMessage current, MessageChange change)
    {
        var next = change.Message;
        if (current.Deleted)
        {
            return current;
        }
        if (change.Kind == MessageChange.Deleted)
        {
            return Redacted(current) with { ChangeEventId = next.ChangeEventId };
        }
        return IsNewer(next.ChangeEventId, current.ChangeEventId)
            ? current with { Text = next.Text, EditedAt = next.EditedAt, ChangeEventId = next.ChangeEventId }
            : current;
    }

    /// <summary>The message as it is shown once deleted: no text, no edit time.</summary>
    public static ChatMessage Redacted(ChatMessage message) => message with { Text = "", Deleted = true, EditedAt = null };

    private static bool IsNewer(string? candidate, string? applied) =>
        EventId.TryParse(candidate, out var next) && (!EventId.TryParse(applied, out var last) || next.CompareTo(last) > 0);
}
