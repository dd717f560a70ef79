using System.Runtime.CompilerServices;
using System.Text.Json;
using CollabApp.Components.Shared;
using CollabApp.Core.Documents;
using CollabApp.Core.Rooms;

namespace CollabApp.Components.Documents;

/// <summary>
/// The shapes collab-editor.mjs receives, in one place: room events as <c>{ type, data }</c> (the hub's event shape,
/// docs/protocol.md) and the options it is attached with. Each is a JSON value (<see cref="BrowserJson"/>), so the
/// circuit's JS runtime keeps no metadata of these shapes.
/// </summary>
public static class EditorMessages
{
    // An operation reaches every editor of its room on this instance as the same instance (the fan-out decodes it once),
    // so its message is written once too, not once per circuit; it goes with the operation.
    private static readonly ConditionalWeakTable<OperationCommitted, StrongBox<JsonElement>> Operations = new();

    public static JsonElement Operation(OperationCommitted operation) =>
        Operations.GetValue(operation, o => new StrongBox<JsonElement>(RoomEvent("operation", o))).Value;

    /// <summary>A caret, labelled with what the person is called (<paramref name="displayName"/>), not their user name.</summary>
    public static JsonElement Cursor(CursorMoved cursor, string displayName) =>
        RoomEvent("cursor", new { cursor.UserId, cursor.UserName, displayName, cursor.Revision, cursor.Anchor, cursor.Head });

    public static JsonElement CursorGone(string userId) => RoomEvent("cursorGone", new { userId });

    public static JsonElement Attach(DocumentState document, CollabUser user, string roomId) => BrowserJson.Of(new
    {
        revision = document.Revision,
        text = document.Text,
        userId = user.UserId,
        userName = user.UserName,
        roomId,
    });

    private static JsonElement RoomEvent<T>(string type, T data) => BrowserJson.Of(new { type, data });
}

/// <summary>
/// The answer to the editor's <c>RequestCatchUp</c> and <c>RequestResync</c>: the text to start over from, when it
/// must (null to keep its own), then the operations after it, each the <c>data</c> of an <c>operation</c> event.
/// </summary>
public sealed record EditorCatchUp(EditorReset? Reset, IReadOnlyList<OperationCommitted> Operations);

public sealed record EditorReset(int Revision, string Text);
