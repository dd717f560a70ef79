using CollabApp.Core.Chat;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Components.Chat;

/// <summary>
/// The chat panel's read state. <see cref="Load"/> takes the marker as it was when the room was opened and fixes where
/// the "New messages" separator goes (before the first message from someone else after it; it stays there while the
/// room is open, as in Slack). <see cref="Due"/> says which message to mark read once the newest ones are on screen;
/// the marker only moves forward.
/// </summary>
public sealed class ReadTracker(string myUserId)
{
    private EventId? _marker;
    private bool _loaded;

    /// <summary>The message the separator goes before; null when nothing was unread on entering.</summary>
    public string? SeparatorBeforeId { get; private set; }

    public bool IsLoaded => _loaded;

    /// <summary>The marker found on entering (null: first visit, nothing counts as unread) and the messages shown.</summary>
    public void Load(ReadMarker? marker, IEnumerable<ChatEntry> entries)
    {
        _loaded = true;
        if (marker is null)
        {
            return;
        }
        _marker = marker.EventId;
        SeparatorBeforeId = entries.FirstOrDefault(e => e.UserId != myUserId && IsAfterMarker(e))?.Key;
    }

    /// <summary>The newest confirmed message past the marker, or null when everything shown is read.</summary>
    public (string MessageId, EventId EventId)? Due(IEnumerable<ChatEntry> entries)
    {
        if (!_loaded)
        {
            return null;
        }
        var newest = entries.LastOrDefault(e => !e.IsPending && e.EventId is not null);
        return newest is not null && EventId.TryParse(newest.EventId, out var id) && (_marker is not { } marker || id > marker)
            ? (newest.Key, id)
            : null;
    }

    /// <summary>The server now has the marker at <paramref name="id"/> (or further).</summary>
    public void Marked(EventId id)
    {
        if (_marker is not { } marker || id > marker)
        {
            _marker = id;
        }
    }

    private bool IsAfterMarker(ChatEntry entry) =>
        !entry.IsPending && EventId.TryParse(entry.EventId, out var id) && (_marker is not { } marker || id > marker);
}
