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

    // Read on the renderer's dispatcher, where the component adds its calls.
    private int[] DeliveredRevisions() =>
        [.. _editorObject.Invocations.Where(i => i.Identifier == "receive")
            .Select(i => JsonSerializer.SerializeToElement(i.Arguments[0], JsonSerializerOptions.Web))
            .Where(e => e.GetProperty("type").GetString() == "operation")
            .Select(e => e.GetProperty("data").GetProperty("revision").GetInt32())];

    [Fact]
    public async Task RequestCatchUp_DeliversTheOperationsAfterTheRevision_WithoutAReset()
    {
        var cut = await RenderAttachedAsync();
        await BobTypesAsync(0, "[\"abc\"]");
        await BobTypesAsync(1, "[3, \"d\"]");
        // Live delivery around the attach may send an operation twice (the browser drops repeats by revision). Polled:
        // deliveries do not re-render the component, which is what bUnit's own waits watch.
        await Eventually.UntilAsync(
            () => cut.InvokeAsync(() => DeliveredRevisions().Distinct().SequenceEqual([1, 2])), "both operations delivered live");
        var before = await cut.InvokeAsync(() => DeliveredRevisions().Length);

        await cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait);

        var caughtUp = await cut.InvokeAsync(() => DeliveredRevisions()[before..]);
        Assert.Equal([1, 2], caughtUp);
        Assert.DoesNotContain(_editorObject.Invocations, i => i.Identifier == "reset");
    }

    [Fact]
    public async Task RequestCatchUp_PastTheRetainedHistory_ResetsToTheCurrentText()
    {
        Services.AddSingleton(new DocumentOptions { RetainedOps = 2 });
        var cut = await RenderAttachedAsync();
        for (var revision = 0; revision < 4; revision++)
        {
            await BobTypesAsync(revision, revision == 0 ? "[\"a\"]" : $"[{revision}, \"a\"]");
        }

        await cut.InvokeAsync(() => cut.Instance.RequestCatchUp(0)).WaitAsync(Wait);

        var reset = _editorObject.Invocations.Single(i => i.Identifier == "reset");
        Assert.Equal([4, "aaaa"], reset.Arguments);
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
