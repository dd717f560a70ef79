using System.Text.Json;
using Bunit;
using CollabApp.Components.Documents;
using CollabApp.Core.Documents;
using CollabApp.Core.Presence;
using CollabApp.Tests.Components.Support;

namespace CollabApp.Tests.Components;

public class DocumentEditorTests : RoomComponentTest
{
    public DocumentEditorTests()
    {
        // The editor object attach() returns is a JS object reference too.
        _editorObject = JSInterop.SetupModule(i => i.Identifier == "attach");
        _editorObject.Mode = JSRuntimeMode.Loose;
    }

    private readonly BunitJSModuleInterop _editorObject;

    private async Task<IRenderedComponent<DocumentEditor>> RenderEditorAsync()
    {
        var connection = NewConnection();
        var cut = Render<DocumentEditor>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);
        return cut;
    }

    private static JsonElement Op(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public async Task Attaches_TextareaNamedDocument_WithSnapshot_AndShowsStatus()
    {
        var cut = await RenderEditorAsync();

        cut.WaitForAssertion(() =>
        {
            Assert.Contains(JSInterop.Invocations, i => i.Identifier == "attach");
            Assert.Equal("Revision 0 · saved · 1 editing", cut.Find("[data-testid=editor-status]").TextContent);
            // Not announced: it changes with everyone's every keystroke.
            Assert.Null(cut.Find("[data-testid=editor-status]").GetAttribute("aria-live"));
        }, Wait);
        Assert.NotNull(cut.Find(".collab-editor > textarea[aria-label=Document]"));
    }

    [Fact]
    public async Task SubmitOperation_CommitsInOrder_StatusFollowsSyncState()
    {
        var cut = await RenderEditorAsync();
        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[aria-label=Document]").HasAttribute("readonly")), Wait);

        await cut.InvokeAsync(() => cut.Instance.SyncStateChanged(false, 0)).WaitAsync(Wait);
        Assert.Contains("syncing", cut.Find("[data-testid=editor-status]").TextContent);
        await cut.InvokeAsync(() => cut.Instance.SubmitOperation(0, Op("[\"hello\"]"), Guid.NewGuid().ToString())).WaitAsync(Wait);
        await cut.InvokeAsync(() => cut.Instance.SubmitOperation(1, Op("[5,\" world\"]"), Guid.NewGuid().ToString())).WaitAsync(Wait);

        var document = await Get<DocumentService>().OpenAsync(Alice, "lobby", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal((2, "hello world"), (document.Revision, document.Text));
        await cut.InvokeAsync(() => cut.Instance.SyncStateChanged(true, 2)).WaitAsync(Wait);
        Assert.Equal("Revision 2 · saved · 1 editing", cut.Find("[data-testid=editor-status]").TextContent);
    }

    [Fact]
    public async Task BadOperation_Throws_SoTheClientResyncs()
    {
        var cut = await RenderEditorAsync();

        await Assert.ThrowsAsync<CollabApp.Core.CollabError>(() => cut.InvokeAsync(() => cut.Instance.SubmitOperation(0, Op("[3]"), Guid.NewGuid().ToString())).WaitAsync(Wait));
    }

    [Fact]
    public async Task RequestResync_AnswersWithTheCurrentDocument()
    {
        var cut = await RenderEditorAsync();
        cut.WaitForAssertion(() => Assert.False(cut.Find("textarea[aria-label=Document]").HasAttribute("readonly")), Wait);
        await Get<DocumentService>().SubmitAsync(Bob, "lobby", 0, TextOperation.Parse(Op("[\"abc\"]")), Guid.NewGuid().ToString(), CancellationToken.None).WaitAsync(Wait);

        var answer = await cut.InvokeAsync(() => cut.Instance.RequestResync()).WaitAsync(Wait);

        Assert.Equal(new EditorReset(1, "abc"), answer.Reset);
        Assert.All(answer.Operations, o => Assert.True(o.Revision > 1));
    }

    [Fact]
    public async Task UndoAndRedoButtons_FollowTheEditorsHistory_AndAskItToRevert()
    {
        var cut = await RenderEditorAsync();
        cut.WaitForAssertion(() => Assert.Single(Buttons(cut, "Undo")), Wait);
        Assert.True(Assert.Single(Buttons(cut, "Undo")).HasAttribute("disabled"));
        Assert.True(Assert.Single(Buttons(cut, "Redo")).HasAttribute("disabled"));
        // MudButton's markup on plain elements, not components in every circuit (issue 13).
        Assert.Empty(cut.FindComponents<MudBlazor.MudButton>());

        await cut.InvokeAsync(() => cut.Instance.UndoStateChanged(canUndo: true, canRedo: false)).WaitAsync(Wait);
        Assert.False(Assert.Single(Buttons(cut, "Undo")).HasAttribute("disabled"));
        Assert.True(Assert.Single(Buttons(cut, "Redo")).HasAttribute("disabled"));
        await cut.InvokeAsync(() => Assert.Single(Buttons(cut, "Undo")).Click()).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.Contains(_editorObject.Invocations, i => i.Identifier == "undo"), Wait);
        Assert.DoesNotContain(_editorObject.Invocations, i => i.Identifier == "redo");
    }

    [Fact]
    public async Task AnUndoTheBrowserCannotCarryOut_ChangesNothing_AndEndsNothing()
    {
        _editorObject.Setup<bool>("undo").SetException(new Microsoft.JSInterop.JSException("the editor is gone"));
        var cut = await RenderEditorAsync();
        cut.WaitForAssertion(() => Assert.Single(Buttons(cut, "Undo")), Wait);
        await cut.InvokeAsync(() => cut.Instance.UndoStateChanged(canUndo: true, canRedo: false)).WaitAsync(Wait);

        await cut.InvokeAsync(() => Assert.Single(Buttons(cut, "Undo")).Click()).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.Contains(_editorObject.Invocations, i => i.Identifier == "undo"), Wait);
        Assert.False(Renderer.UnhandledException.IsCompleted);
        Assert.False(Assert.Single(Buttons(cut, "Undo")).HasAttribute("disabled"));
    }

    [Fact]
    public async Task EditingCount_FollowsPresence()
    {
        var cut = await RenderEditorAsync();
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "attach"), Wait);
        var presence = Get<PresenceService>();
        var bob = new PresenceConnection("c-bob", Bob.UserId, Bob.UserName);

        await presence.JoinAsync("lobby", bob, CancellationToken.None).WaitAsync(Wait);
        cut.WaitForAssertion(() => Assert.EndsWith("2 editing", cut.Find("[data-testid=editor-status]").TextContent), Wait);
        await Get<DocumentService>().UpdateCursorAsync(Bob, "lobby", 0, 0, 0, CancellationToken.None).WaitAsync(Wait);
        await presence.LeaveAsync("lobby", bob, CancellationToken.None).WaitAsync(Wait);

        cut.WaitForAssertion(() => Assert.EndsWith("1 editing", cut.Find("[data-testid=editor-status]").TextContent), Wait);
    }
}
