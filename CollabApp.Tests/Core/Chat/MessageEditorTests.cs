using CollabApp.Components.Chat;
using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Rooms;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabApp.Tests.Core.Chat;

public sealed class MessageEditorTests
{
    private static readonly CollabUser Alice = new("u-alice", "alice", "Alice");
    private static readonly ChatMessage Mine = new("m1", "lobby", "c1", Alice.UserId, Alice.UserName, "helo", DateTimeOffset.UnixEpoch, "1-0");
    private readonly ChatTimeline _timeline = new();
    private Exception? _failWith;

    public MessageEditorTests() => _timeline.Add(Mine);

    private MessageEditor NewEditor() => new(_timeline, Alice, "lobby",
        (id, text) => _failWith is { } e ? Task.FromException<ChatMessage>(e) : Task.FromResult(Mine with { Text = text, EditedAt = DateTimeOffset.UnixEpoch, ChangeEventId = "2-0" }),
        id => Task.FromResult(Mine with { Text = "", Deleted = true, ChangeEventId = "3-0" }),
        NullLogger.Instance);

    [Fact]
    public void OnlyTheAuthor_ChangesAConfirmedMessage_ThatIsNotDeleted()
    {
        var editor = NewEditor();
        var entry = Assert.Single(_timeline.Entries);

        Assert.True(editor.CanChange(entry));
        Assert.False(editor.CanChange(entry with { UserId = "u-bob" }));
        Assert.False(editor.CanChange(entry with { State = ChatEntryState.Sending }));
        Assert.False(editor.CanChange(entry with { Deleted = true }));
    }

    [Fact]
    public async Task Saving_ClosesTheBox_AndTheTimelineShowsTheEdit()
    {
        var editor = NewEditor();
        editor.Start(Assert.Single(_timeline.Entries));
        Assert.Equal("helo", editor.Text);

        editor.Text = "hello";
        await editor.SaveAsync();

        Assert.Null(editor.EditingKey);
        var entry = Assert.Single(_timeline.Entries);
        Assert.Equal("hello", entry.Text);
        Assert.NotNull(entry.EditedAt);
    }

    [Fact]
    public async Task ARefusal_KeepsTheBoxOpenWithTheReason_CancelClearsIt()
    {
        var editor = NewEditor();
        editor.Start(Assert.Single(_timeline.Entries));
        _failWith = CollabError.Invalid("text must not be empty.");

        await editor.SaveAsync();

        Assert.Equal("m1", editor.EditingKey);
        Assert.Equal("Text must not be empty.", editor.Error);
        editor.Cancel();
        Assert.Null(editor.EditingKey);
        Assert.Null(editor.Error);
    }

    [Fact]
    public async Task Deleting_ClosesItsOpenBox()
    {
        var editor = NewEditor();
        var entry = Assert.Single(_timeline.Entries);
        editor.Start(entry);

        await editor.DeleteAsync(entry);

        Assert.Null(editor.EditingKey);
        Assert.True(Assert.Single(_timeline.Entries).Deleted);
    }
}
