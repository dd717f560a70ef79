using CollabApp.Core.Documents;
using CollabApp.Core.Rooms;

namespace CollabApp.Components.Documents;

/// <summary>
/// The shapes collab-editor.mjs receives, in one place: room events as <c>{ type, data }</c> (the hub's event shape,
/// docs/protocol.md) and the options it is attached with. Serialised with the JS interop's camelCase names.
/// </summary>
public static class EditorMessages
{
    public static object Operation(OperationCommitted operation) => RoomEvent("operation", operation);

    /// <summary>A caret, labelled with what the person is called (<paramref name="displayName"/>), not their user name.</summary>
    public static object Cursor(CursorMoved cursor, string displayName) =>
        RoomEvent("cursor", new { cursor.UserId, cursor.UserName, displayName, cursor.Revision, cursor.Anchor, cursor.Head });

    public static object CursorGone(string userId) => RoomEvent("cursorGone", new { userId });

    public static object Attach(DocumentState document, CollabUser user, string roomId) => new
    {
        revision = document.Revision,
        text = document.Text,
        userId = user.UserId,
        userName = user.UserName,
        roomId,
    };

    private static object RoomEvent(string type, object data) => new { type, data };
}

/// <summary>
/// The answer to the editor's <c>RequestCatchUp</c> and <c>RequestResync</c>: the text to start over from, when it
/// must (null to keep its own), then the operations after it, each the <c>data</c> of an <c>operation</c> event.
/// </summary>
public sealed record EditorCatchUp(EditorReset? Reset, IReadOnlyList<OperationCommitted> Operations);

public sealed record EditorReset(int Revision, string Text);
