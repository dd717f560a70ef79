using CollabApp.Core;
using Microsoft.JSInterop;
using MudBlazor;

namespace CollabApp.Components.Chat;

/// <summary>The browser's side of the log (chat-scroll.mjs): where the reader is, older pages, and scrolling on request (<see cref="Core.Chat.ChatScroll"/>).</summary>
public sealed partial class ChatPanel
{
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            if (await _browser.LoadAsync())
            {
                await _browser.AttachAsync("observe", _log, _self);
            }
            _scroll.JumpToNewest();
            if (await _kept.KeepAsync(_compose, Room.RoomId) is { Length: > 0 } saved && _draft.Length == 0)
            {
                _draft = saved;
                StateHasChanged();
            }
            await LoadReadMarkerAsync();
        }
        if (_browser.Attached is not { } scroll)
        {
            return;
        }
        if (_scroll.TakeRestore())
        {
            await scroll.InvokeVoidAsync("restorePosition");
        }
        if (_scroll.TakeToBottom())
        {
            await scroll.InvokeVoidAsync("scrollToBottom");
        }
    }

    [JSInvokable]
    public Task ScrolledToBottom(bool atBottom)
    {
        _scroll.ScrolledTo(atBottom);
        ScheduleRead();
        StateHasChanged();
        return Task.CompletedTask;
    }

    /// <summary>The browser tab became visible or hidden: only what is on a visible screen is read.</summary>
    [JSInvokable]
    public Task VisibilityChanged(bool visible)
    {
        _visible = visible;
        ScheduleRead();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public Task LoadOlder() => LoadOlderAsync();

    private async Task LoadOlderAsync()
    {
        if (_loadingOlder || !_timeline.HasOlder)
        {
            return;
        }
        _loadingOlder = true;
        try
        {
            if (_browser.Attached is { } scroll)
            {
                await scroll.InvokeVoidAsync("keepPosition");
            }
            var page = await Act(t => Chat.GetMessagesAsync(User, Room.RoomId, _timeline.OldestId, PageSize, t));
            _timeline.AddOlder(page, PageSize);
            _scroll.OlderAdded();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Also reached from a click (the Load older button): thrown from there, it would end the circuit.
            if (e is CollabError refusal)
            {
                LogOlderRefused(Logger, Room.RoomId, refusal.Message);
            }
            else
            {
                LogOlderFailed(Logger, e, Room.RoomId);
            }
            Snackbar.Add($"Older messages could not be loaded. {ErrorText.For(e)}", Severity.Warning);
        }
        finally
        {
            _loadingOlder = false;
        }
        StateHasChanged();
    }

    private void JumpToNewest() => _scroll.JumpToNewest();

    [LoggerMessage(EventId = 3604, Level = LogLevel.Information, Message = "Loading older messages in {RoomId} was refused: {Reason}")]
    private static partial void LogOlderRefused(ILogger logger, string roomId, string reason);

    [LoggerMessage(EventId = 3611, Level = LogLevel.Warning, Message = "Loading older messages in {RoomId} failed")]
    private static partial void LogOlderFailed(ILogger logger, Exception exception, string roomId);
}
