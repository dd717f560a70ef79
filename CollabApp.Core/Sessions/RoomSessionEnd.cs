namespace CollabApp.Core.Sessions;

/// <summary>Why a <see cref="RoomSession.ReadAsync"/> stream ended.</summary>
public enum RoomSessionEnd
{
    /// <summary>The stream has not ended (or was cancelled).</summary>
    None,

    /// <summary>The session was stopped or left: nothing more comes until a rejoin.</summary>
    Stopped,

    /// <summary>
    /// The subscriber fell behind by a whole queue, or the bus may have lost events: only the durable store can say
    /// what it missed. Rejoin (<see cref="RoomSession.RejoinAsync"/>), or have the client resume from its last event id.
    /// </summary>
    ResyncNeeded,

    /// <summary>The user may no longer enter the room; the event that ended it (<see cref="RoomSession.EndedBy"/>) was the last delivered. Leave.</summary>
    AccessEnded,
}
