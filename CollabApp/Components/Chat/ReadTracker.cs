using CollabApp.Core.Chat;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Components.Chat;

/// <summary>
/// The chat panel's read state. <see cref="Load"/> takes the marker as it was when the room was opened; the "New
/// messages" separator goes before the first message from someone else after that marker, and stays there while the
/// room is open (reading moves the server's marker, not this one), whichever order the marker and the messages arrive
/// in. <see cref="Due"/> says which message to mark read once the newest ones are on screen; the marker only moves
/// forward.
/// </summary>
public sealed class ReadTracker(string myUserId)
{
    private EventId? _entryMarker;
    private EventId? _marker;
    private bool _loaded;

    /// <summary>The marker found on entering; null on a first visit (then nothing counts as unread and no separator shows).</summary>
    public void Load(ReadMarker? marker)
    {
        _loaded = true;
        _entryMarker = marker?.EventId;
        _marker = marker?.EventId;
    }

    /// <summary>The key of the entry the separator goes before; null when nothing was unread on entering.</summary>
    public string? SeparatorBeforeKey(IEnumerable<ChatEntry> entries) =>
        _entryMarker is { } entry
            ? entries.FirstOrDefault(e => e.UserId != myUserId && !e.IsPending && EventId.TryParse(e.EventId, out var id) && id > entry)?.Key
            : null;

    /// <summary>The newest confirmed message past the marker, or null when everything shown is read (or not loaded yet).</summary>
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
}
