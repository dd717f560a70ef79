using CollabApp.Tests.Hosting;
using Bunit;
using CollabApp.Components.Chat;
using CollabApp.Components.Documents;
using CollabApp.Components.Presence;
using CollabApp.Components.Rooms;
using CollabApp.Tests.Components.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace CollabApp.Tests.Components;

/// <summary>
/// Leaving a room the moment it opens: a panel disposed while its browser module is still being imported must
/// release the module when it arrives, attach nothing to the gone page, and throw nothing into the renderer (an
/// exception there ends the whole circuit, and every later navigation of the tab is lost).
/// </summary>
public class PanelDisposalTests : RoomComponentTest
{
    private readonly PausedImportRuntime _browser = new();

    public PanelDisposalTests() => Services.AddSingleton<IJSRuntime>(_browser);

    [Fact]
    public Task ChatPanel_DisposedDuringImport_ReleasesTheLateModule() =>
        AssertLateModuleIsReleasedAsync<ChatPanel>("./js/chat/chat-scroll.mjs");

    [Fact]
    public Task PresencePanel_DisposedDuringImport_ReleasesTheLateModule() =>
        AssertLateModuleIsReleasedAsync<PresencePanel>("./js/presence/idle.mjs");

    [Fact]
    public Task DocumentEditor_DisposedDuringImport_ReleasesTheLateModule() =>
        AssertLateModuleIsReleasedAsync<DocumentEditor>("./js/editor/collab-editor.mjs");

    [Fact]
    public async Task DocumentEditor_DisposedWhileAttaching_ReleasesTheEditorItWasGiven()
    {
        var module = new PausedAttachModule();
        _browser.Import("./js/editor/collab-editor.mjs").SetResult(module);
        var connection = NewConnection();
        Render<DocumentEditor>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        // The snapshot's delivery waits for the panels' handlers, so for the attach too.
        var started = StartAsync(connection, Alice);
        await module.AttachCalled.Task.WaitAsync(Wait);

        await DisposeComponentsAsync().WaitAsync(Wait);
        var editor = new RecordingJsObject();
        module.FinishAttach(editor);
        await started;

        await Eventually.UntilAsync(() => editor.Released && module.Released, "the editor and its module released");
        Assert.Equal(["dispose"], editor.Calls);
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task AttachThatFailsOnAGonePage_AfterDisposal_AttachesNothingAndThrowsNothing()
    {
        var module = new PausedAttachModule();
        _browser.Import("./js/chat/chat-scroll.mjs").SetResult(module);
        var browserModule = new BrowserModule(_browser, "./js/chat/chat-scroll.mjs", CancellationToken.None);
        Assert.True(await browserModule.LoadAsync());
        var attaching = browserModule.AttachAsync("observe");
        await module.AttachCalled.Task.WaitAsync(Wait);

        await browserModule.DisposeAsync();
        // The browser had already removed the element when the call reached it.
        module.FailAttach(new JSException("Cannot read properties of null (reading 'addEventListener')"));

        Assert.Null(await attaching.WaitAsync(Wait));
        Assert.Null(browserModule.Attached);
        Assert.True(module.Released);
    }

    [Fact]
    public async Task ChatPanel_DisposedWhileItsDraftLoads_MarksBothModulesGoneBeforeReleasingEither()
    {
        // The chat has two modules (scrolling, the draft). Releasing the first is a round trip to the browser; if
        // the second learned of the disposal only after it, a draft import arriving meanwhile would attach to the
        // removed compose box, and the browser's error would end the circuit.
        var scrolling = new RecordingJsObject();
        var observer = new SlowToReleaseObject();
        scrolling.ReturnNext(observer);
        _browser.Import("./js/chat/chat-scroll.mjs").SetResult(scrolling);
        var draftImport = _browser.Import("./js/chat/chat-draft.mjs");
        var connection = NewConnection();
        Render<ChatPanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);
        await Eventually.UntilAsync(() => _browser.WasRequested("./js/chat/chat-draft.mjs"), "the draft's import requested");

        var disposing = DisposeComponentsAsync();
        await observer.ReleaseCalled.Task.WaitAsync(Wait);
        var draft = new GonePageModule();
        draftImport.SetResult(draft);
        await Eventually.UntilAsync(() => draft.Released || draft.Calls.Count > 0, "the late draft module released or used");
        observer.FinishRelease();
        await disposing.WaitAsync(Wait);

        Assert.False(Renderer.UnhandledException.IsCompleted, "the renderer was handed an exception (the circuit would end)");
        Assert.Empty(draft.Calls);
        Assert.True(draft.Released);
    }

    [Fact]
    public async Task ReleaseWhoseAnswersAreLost_ThrowsNothing_AndStillReleasesTheModule()
    {
        // The connection dropped just as the room was left: each release call times out instead of being answered.
        // A disposal's exception ends the circuit, even one the browser has come back to.
        var module = new RecordingJsObject();
        module.ReturnNext(new UnansweredObject());
        _browser.Import("./js/chat/chat-scroll.mjs").SetResult(module);
        var browserModule = new BrowserModule(_browser, "./js/chat/chat-scroll.mjs", CancellationToken.None);
        Assert.True(await browserModule.LoadAsync());
        Assert.NotNull(await browserModule.AttachAsync("observe"));

        await browserModule.DisposeAsync().AsTask().WaitAsync(Wait);

        Assert.True(module.Released);
    }

    private async Task AssertLateModuleIsReleasedAsync<TPanel>(string path)
        where TPanel : RoomPanel
    {
        var import = _browser.Import(path);
        var connection = NewConnection();
        Render<TPanel>(p => p.Add(c => c.Connection, connection).Add(c => c.Room, Lobby).Add(c => c.User, Alice));
        await StartAsync(connection, Alice);

        await DisposeComponentsAsync().WaitAsync(Wait);
        var module = new RecordingJsObject();
        import.SetResult(module);

        await Eventually.UntilAsync(() => module.Released, "the late module released");
        Assert.Empty(module.Calls);
        Assert.False(Renderer.UnhandledException.IsCompleted);
    }

    /// <summary>A module whose attach (the editor's attach, the chat's observe) answers only when the test says so.</summary>
    private sealed class PausedAttachModule : IJSObjectReference
    {
        private readonly TaskCompletionSource<IJSObjectReference> _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource AttachCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Released { get; private set; }

        public void FinishAttach(IJSObjectReference editor) => _attached.SetResult(editor);

        public void FailAttach(Exception error) => _attached.SetException(error);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            Assert.Contains(identifier, new[] { "attach", "observe" });
            AttachCalled.TrySetResult();
            return (TValue)await _attached.Task;
        }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>An attached object whose release (its dispose function) answers only when the test says so.</summary>
    private sealed class SlowToReleaseObject : IJSObjectReference
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ReleaseCalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void FinishRelease() => _release.SetResult();

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (identifier == "dispose")
            {
                ReleaseCalled.TrySetResult();
                await _release.Task;
            }
            return default!;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>An attached object whose calls all time out, as when their answers were lost with the connection.</summary>
    private sealed class UnansweredObject : IJSObjectReference
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            ValueTask.FromException<TValue>(new TaskCanceledException("The JS interop call timed out."));

        public ValueTask DisposeAsync() => ValueTask.FromException(new TaskCanceledException("The JS interop call timed out."));
    }

    /// <summary>A module on a page whose elements are gone: every call fails as the browser's would.</summary>
    private sealed class GonePageModule : IJSObjectReference
    {
        private readonly List<string> _calls = [];

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public bool Released { get; private set; }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            lock (_calls)
            {
                _calls.Add(identifier);
            }
            return ValueTask.FromException<TValue>(new JSException("Cannot read properties of null (reading 'addEventListener')"));
        }

        public ValueTask DisposeAsync()
        {
            Released = true;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// The browser: imports of the panel's module wait for the test; every other call (MudBlazor's) answers at once.
    /// </summary>
    private sealed class PausedImportRuntime : IJSRuntime
    {
        private readonly Dictionary<string, TaskCompletionSource<IJSObjectReference>> _imports = [];
        private readonly HashSet<string> _requested = [];

        public bool WasRequested(string path)
        {
            lock (_requested)
            {
                return _requested.Contains(path);
            }
        }

        public TaskCompletionSource<IJSObjectReference> Import(string path)
        {
            var import = new TaskCompletionSource<IJSObjectReference>(TaskCreationOptions.RunContinuationsAsynchronously);
            _imports[path] = import;
            return import;
        }

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            InvokeAsync<TValue>(identifier, CancellationToken.None, args);

        public async ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
        {
            if (identifier == "import" && args is [string path] && _imports.TryGetValue(path, out var import))
            {
                lock (_requested)
                {
                    _requested.Add(path);
                }
                return (TValue)await import.Task;
            }
            return typeof(TValue) == typeof(IJSObjectReference) ? (TValue)(object)new RecordingJsObject() : default!;
        }
    }
}
