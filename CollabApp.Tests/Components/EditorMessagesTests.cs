using CollabApp.Components.Documents;
using CollabApp.Core.Documents;

namespace CollabApp.Tests.Components;

/// <summary>
/// What collab-editor.mjs receives, as JSON values (issue 13): the hub's event shape with camelCase names.
/// </summary>
public sealed class EditorMessagesTests
{
    private static OperationCommitted Committed() =>
        new(7, new TextOperation.Builder().Retain(2).Insert("hi").Build(), "u-ann", "op-1");

    [Fact]
    public void Operation_IsTheHubsEventShape_WithTheOperationThroughItsConverter()
    {
        var message = EditorMessages.Operation(Committed());

        Assert.Equal("operation", message.GetProperty("type").GetString());
        var data = message.GetProperty("data");
        Assert.Equal(7, data.GetProperty("revision").GetInt32());
        Assert.Equal("op-1", data.GetProperty("clientOpId").GetString());
        Assert.Equal("u-ann", data.GetProperty("userId").GetString());
        Assert.Equal("[2,\"hi\"]", data.GetProperty("op").GetRawText());
    }

    [Fact]
    public void Attach_NamesWhatTheEditorReads()
    {
        var attach = EditorMessages.Attach(new DocumentState(3, "text"), new CollabApp.Core.Rooms.CollabUser("u-ann", "ann", "Ann"), "room-1");

        Assert.Equal((3, "text", "u-ann", "ann", "room-1"), (attach.GetProperty("revision").GetInt32(), attach.GetProperty("text").GetString(),
            attach.GetProperty("userId").GetString(), attach.GetProperty("userName").GetString(), attach.GetProperty("roomId").GetString()));
    }
}
