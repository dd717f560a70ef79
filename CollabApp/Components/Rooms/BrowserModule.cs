using CollabApp.Components.Shared;
using Microsoft.JSInterop;

namespace CollabApp.Components.Rooms;

/// <summary>
/// A panel's browser module and the object one of its functions attached to the page. A panel can be disposed
/// while the import or the attach is still on its way (someone leaves the room the moment it opens); whatever
/// arrives after that is released at once instead of being attached to a page that is gone. Calling into a
/// disposed panel would throw inside the renderer and end the whole circuit.
/// The panel is gone from the moment <paramref name="panelGone"/> is cancelled, which its disposal does first: a panel
/// with several modules releases them one round trip after another, and each must stop using the page at once.
/// </summary>
public sealed class BrowserModule(IJSRuntime js, string path, CancellationToken panelGone) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private bool _disposed;

    private bool Gone => _disposed || panelGone.IsCancellationRequested;

    /// <summary>The object the attach call returned, from then until disposal.</summary>
    public IJSObjectReference? Attached { get; private set; }

    public bool IsLoaded => _module is not null;

    /// <summary>Imports the module; false when the panel was disposed meanwhile (or the browser gave nothing).</summary>
    public async Task<bool> LoadAsync()
    {
        if (Gone)
        {
            return false;
        }
        var module = await UnlessGoneAsync(() => js.InvokeAsync<IJSObjectReference?>("import", path));
        if (Gone)
        {
            await ReleaseAsync(null, module);
            return false;
        }
        _module = module;
        return module is not null;
    }

    /// <summary>
    /// Calls the module's <paramref name="function"/>, which returns the attached object; null when the module is
    /// not loaded or the panel was disposed before or during the call.
    /// </summary>
    public async Task<IJSObjectReference?> AttachAsync(string function, params object?[] args)
    {
        if (Gone || _module is null)
        {
            return null;
        }
        var module = _module;
        var attached = await UnlessGoneAsync(() => module.InvokeAsync<IJSObjectReference?>(function, args));
        if (Gone)
        {
            await ReleaseAsync(attached, null);
            return null;
        }
        Attached = attached;
        return attached;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        var (attached, module) = (Attached, _module);
        Attached = null;
        _module = null;
        await ReleaseAsync(attached, module);
    }

    // A call that went out before the panel was disposed can reach a page that has already removed its elements
    // and fail there; after disposal that is expected and means nothing was made.
    private async Task<IJSObjectReference?> UnlessGoneAsync(Func<ValueTask<IJSObjectReference?>> call)
    {
        try
        {
            return await call();
        }
        catch (JSException) when (Gone)
        {
            return null;
        }
    }

    // The attached object's dispose() unhooks its listeners first. A browser already gone (the circuit ended with
    // the tab), a page already torn down, or an answer lost with a dropped connection (the interop call times out)
    // leaves nothing to release: none of these may escape, since a disposal's exception ends the circuit. Each step
    // is tried on its own, so the module is released even when its object could not be.
    private static async Task ReleaseAsync(IJSObjectReference? attached, IJSObjectReference? module)
    {
        if (attached is not null)
        {
            await UnlessUnanswerableAsync(() => attached.InvokeVoidAsync("dispose"));
            await UnlessUnanswerableAsync(attached.DisposeAsync);
        }
        if (module is not null)
        {
            await UnlessUnanswerableAsync(module.DisposeAsync);
        }
    }

    private static async Task UnlessUnanswerableAsync(Func<ValueTask> release)
    {
        try
        {
            await release();
        }
        catch (Exception e) when (BrowserCallFailure.IsExpected(e))
        {
        }
    }
}
