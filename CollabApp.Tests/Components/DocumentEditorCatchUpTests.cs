using System.Text.Json;
using Bunit;
using CollabApp.Components.Documents;
using CollabApp.Core.Documents;
using CollabApp.Tests.Components.Support;
using CollabApp.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CollabApp.Tests.Components;

/// <summary>
/// A browser that missed operations asks to catch up from its revision: it gets the operations it missed, so its
/// unconfirmed typing is transformed over them instead of thrown away; a reset only when they are no longer kept.
/// </summary>
public class DocumentEditorCatchUpTests : RoomComponentTest
{
    private readonly BunitJSModuleInterop _editorObject;

    public DocumentEditorCatchUpTests()
    {
        _editorObject = JSInterop.SetupModule(i => i.Identifier == "attach");
        _editorObject.Mode = JSRuntimeMode.Loose;
    }

    private async Task<IRenderedComponent<DocumentEditor>> RenderAttachedAsync()
    {
        var connection = NewConnection();
        var cut = Render<DocumentEditor>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);
        cut.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "attach"), Wait);
        return cut;
    }

    private Task BobTypesAsync(int revision, string json) =>
        Get<DocumentService>().SubmitAsync(Bob, "lobby", revision, TextOperation.Parse(JsonDocument.Parse(json).RootElement), Guid.NewGuid().ToString(), CancellationToken.None).WaitAsync(Wait);

    [Fact]
    public async Task RequestCatchUp_AnswersTheOperationsAfterTheRevision_WithoutAReset()
    {
        var cut = await RenderAttachedAsync();
        await BobTypesAsync(0, "[\"abc\"]");
        await BobTypesAsync(1, "[3, \"d\"]");

        var answer = await cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait);

        Assert.Null(answer.Reset);
        Assert.Equal([1, 2], answer.Operations.Select(o => o.Revision));
        Assert.DoesNotContain(_editorObject.Invocations, i => i.Identifier == "reset");
    }

    // A reloaded page asks from inside its attach, before the component holds the editor's reference: the answer still
    // reaches it, as the call's result (issue 10: pushed through the editor, it was lost).
    [Fact]
    public async Task RequestCatchUp_BeforeTheEditorIsAttached_StillAnswersTheOperations()
    {
        var connection = NewConnection();
        var cut = Render<DocumentEditor>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await BobTypesAsync(0, "[\"abc\"]");

        var answer = await cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait);

        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "attach");
        Assert.Equal([1], answer.Operations.Select(o => o.Revision));
    }

    [Fact]
    public async Task RequestCatchUp_PastTheRetainedHistory_AnswersAResetToTheCurrentText()
    {
        Services.AddSingleton(new DocumentOptions { RetainedOps = 2 });
        var cut = await RenderAttachedAsync();
        for (var revision = 0; revision < 4; revision++)
        {
            await BobTypesAsync(revision, revision == 0 ? "[\"a\"]" : $"[{revision}, \"a\"]");
        }

        var answer = await cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait);

        Assert.Equal(new EditorReset(4, "aaaa"), answer.Reset);
    }

    [Fact]
    public async Task RequestCatchUp_WhileTheLogCannotBeRead_FailsAsUnavailable_WithoutAReset()
    {
        var cut = await RenderAttachedAsync();
        await BobTypesAsync(0, "[\"abc\"]");
        Get<SwitchableDocumentLog>().FailReads = CollabApp.Core.CollabError.Unavailable("the real-time store is unreachable.");

        var refusal = await Assert.ThrowsAsync<CollabApp.Core.CollabError>(() => cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait));

        Assert.Equal(CollabApp.Core.CollabErrorCode.Unavailable, refusal.Code);
        Assert.DoesNotContain(_editorObject.Invocations, i => i.Identifier == "reset");
    }

    [Fact]
    public async Task RequestCatchUp_NegativeRevision_IsRefusedAsInvalid()
    {
        var cut = await RenderAttachedAsync();

        var refusal = await Assert.ThrowsAsync<CollabApp.Core.CollabError>(() => cut.InvokeAsync(() => cut.Instance.RequestCatchUp(-1)).WaitAsync(Wait));

        Assert.Equal(CollabApp.Core.CollabErrorCode.Invalid, refusal.Code);
        Assert.DoesNotContain(_editorObject.Invocations, i => i.Identifier == "reset");
    }
}
