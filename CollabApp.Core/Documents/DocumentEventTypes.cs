using CollabApp.Core.Events;

namespace CollabApp.Core.Documents;

/// <summary>The document's room events (docs/protocol.md, Events): their wire names and the records they carry.</summary>
public static class DocumentEventTypes
{
    /// <summary>Durable: an operation committed at a revision (<see cref="OperationCommitted"/>).</summary>
    public const string Operation = "operation";

    /// <summary>Transient: where someone's selection is (<see cref="CursorMoved"/>).</summary>
    public const string Cursor = "cursor";

    public static IReadOnlyList<RoomEventType> All { get; } =
    [
        RoomEventType.Of<OperationCommitted>(Operation),
        RoomEventType.Of<CursorMoved>(Cursor),
    ];
}
