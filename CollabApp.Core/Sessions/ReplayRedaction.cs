using CollabApp.Core.Chat;
using CollabApp.Core.Events;

namespace CollabApp.Core.Sessions;

/// <summary>
/// A deleted message's text is sent to no one any more, but the log still holds the events that carried it (the
/// message and its edits, until they are trimmed). Events read back from the log for a replay go through this: when
/// the same read holds the deletion, the earlier events show the message already deleted. (Events older than the
/// read were delivered before the deletion; the client replaces their text when the deletion arrives.)
/// </summary>
public static class ReplayRedaction
{
    public static IReadOnlyList<RoomEvent> Apply(IReadOnlyList<RoomEvent> events)
    {
        var deleted = events
            .Select(e => e.Data)
            .OfType<MessageChange>()
            .Where(c => c.Kind == MessageChange.Deleted)
            .Select(c => c.Message.Id)
            .ToHashSet(StringComparer.Ordinal);
        if (deleted.Count == 0)
        {
            return events;
        }
        return [.. events.Select(e => e.Data switch
        {
            ChatMessage m when deleted.Contains(m.Id) => e with { Data = MessageChanges.Redacted(m) },
            MessageChange { Kind: MessageChange.Edited } c when deleted.Contains(c.Message.Id) =>
                e with { Data = c with { Message = MessageChanges.Redacted(c.Message) } },
            _ => e,
        })];
    }
}
