using System.Text.Json;
using CollabApp.Components.Documents;
using CollabApp.Core.Documents;
using CollabApp.Core.Rooms;

namespace CollabApp.Tests.Core.Documents;

public sealed class EditorStatusTests
{
    [Fact]
    public void TheLine_SaysRevisionSyncAndPeople()
    {
        var status = new EditorStatus { Revision = 7 };
        status.PresentAre(["u1", "u2", "u1"]);
        Assert.Equal("Revision 7 · saved · 2 editing", status.Line);

        status.Synced = false;
        status.Joined("u3");
        status.Left("u1");
        Assert.Equal("Revision 7 · syncing · 2 editing", status.Line);
    }

    [Fact]
    public void TheBrowserGetsRoomEventsAsTypeAndData_InCamelCase()
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var cursor = JsonSerializer.Serialize(EditorMessages.Cursor(new CursorMoved("u1", "alice", 3, 1, 2), "Alice"), web);
        var gone = JsonSerializer.Serialize(EditorMessages.CursorGone("u1"), web);
        var attach = JsonSerializer.Serialize(EditorMessages.Attach(new DocumentState(3, "hi"), new CollabUser("u1", "alice", "Alice"), "lobby"), web);

        Assert.Equal("""{"type":"cursor","data":{"userId":"u1","userName":"alice","displayName":"Alice","revision":3,"anchor":1,"head":2}}""", cursor);
        Assert.Equal("""{"type":"cursorGone","data":{"userId":"u1"}}""", gone);
        Assert.Equal("""{"revision":3,"text":"hi","userId":"u1","userName":"alice","roomId":"lobby"}""", attach);
    }
}
