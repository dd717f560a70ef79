using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core.Chat;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CollabApp.Components.Chat;

/// <summary>
/// The chat panel's unsent message, kept by the browser (chat-draft.mjs, the tab's sessionStorage) so that a
/// reload or a failover to another instance brings it back. The keystrokes never travel for this: the browser
/// saves them itself.
/// </summary>
public sealed class ChatDraft(IJSRuntime js, CancellationToken panelGone) : IAsyncDisposable
{
    private readonly BrowserModule _browser = new(js, "./js/chat/chat-draft.mjs", panelGone);

    /// <summary>Starts keeping what is typed in <paramref name="compose"/>; returns the draft kept earlier, or "".</summary>
    public async Task<string> KeepAsync(ElementReference compose, string roomId)
    {
        if (!await _browser.LoadAsync() || await _browser.AttachAsync("keep", compose, roomId) is not { } kept)
        {
            return "";
        }
        var saved = await kept.InvokeAsync<string?>("saved") ?? "";
        return saved.Length > ChatService.MaxTextLength ? saved[..ChatService.MaxTextLength] : saved;
    }

    /// <summary>
    /// The message was sent: nothing to bring back any more. Best effort: a browser that is gone or does not answer
    /// keeps the old draft, which comes back once in the field after a reload, and nothing worse.
    /// </summary>
    public async Task ClearAsync()
    {
        if (_browser.Attached is not { } kept)
        {
            return;
        }
        try
        {
            await kept.InvokeVoidAsync("clear");
        }
        catch (Exception e) when (BrowserCallFailure.IsExpected(e))
        {
        }
    }

    public ValueTask DisposeAsync() => _browser.DisposeAsync();
}
