using System.Runtime.CompilerServices;
using CollabApp.Core.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace CollabApp.Hubs;

/// <summary>
/// Serialise once, send many: the <c>roomEvent</c> invocation of each room event, shared by every connection of this
/// instance that gets the event. <see cref="RoomFanout"/> hands the same event object to every subscriber, so the first
/// pump to write it serialises it (once per hub protocol, inside <see cref="SerializedHubMessage"/>) and the others reuse
/// the bytes. The cache is direct-mapped by the event's identity and bounded: an event is in flight to its room's
/// connections for moments, and keeping it longer would keep every event the embedded mode's in-memory log retains.
/// A pump that finds its slot taken by another event (a collision, or a reader far behind) serialises the event again,
/// which is slower and never wrong.
/// </summary>
public sealed class SerializedRoomEvents
{
    // Well above the events in flight at once on one instance (each is written to its room's few connections within
    // moments), small enough to be nothing next to the subscriber queues.
    private const int Slots = 1024;

    private readonly Entry?[] _slots = new Entry?[Slots];

    public SerializedHubMessage Of(RoomEvent roomEvent)
    {
        var slot = (int)((uint)RuntimeHelpers.GetHashCode(roomEvent) % Slots);
        if (Volatile.Read(ref _slots[slot]) is { } entry && ReferenceEquals(entry.Event, roomEvent))
        {
            return entry.Message;
        }
        var message = Serialize(roomEvent);
        Volatile.Write(ref _slots[slot], new Entry(roomEvent, message));
        return message;
    }

    // The invocation as SignalR would build it for Clients.Client(id).SendAsync, serialised lazily per protocol.
    private static SerializedHubMessage Serialize(RoomEvent roomEvent) =>
        new(new InvocationMessage(RoomEventEnvelope.ClientMethod, [RoomEventEnvelope.From(roomEvent)]));

    private sealed record Entry(RoomEvent Event, SerializedHubMessage Message);
}
