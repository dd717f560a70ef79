using CollabApp.Core;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Components.Chat;

/// <summary>The compose box: the draft, our typing notices (<see cref="Core.Chat.TypingThrottle"/>) and sending through <see cref="ChatOutbox"/>.</summary>
public sealed partial class ChatPanel
{
    private async Task OnDraftChangedAsync(string? value)
    {
        _draft = value ?? "";
        if (!_typingSent.ShouldSend(_draft))
        {
            return;
        }
        try
        {
            await Act(async t =>
            {
                await Chat.TypingAsync(User, Room.RoomId, t);
                return true;
            });
        }
        catch (CollabError e)
        {
            LogTypingRefused(Logger, Room.RoomId, e.Message);
        }
    }

    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.ShiftKey && !e.IsComposing)
        {
            await SendAsync();
        }
    }

    private async Task SendAsync()
    {
        var text = _draft.Trim();
        if (text.Length == 0)
        {
            return;
        }
        _draft = "";
        var clientMessageId = _outbox.Queue(text);
        _scroll.MessageAdded(mine: true);
        StateHasChanged();
        // The browser's copy of the draft is forgotten alongside the send, not before it: the send does not wait a
        // round trip to the browser, and a browser that does not answer cannot hold back or lose the message.
        var draftCleared = _kept.ClearAsync();
        await _outbox.DeliverAsync(clientMessageId);
        StateHasChanged();
        await draftCleared;
    }

    private async Task RetryAsync(string clientMessageId)
    {
        if (!_outbox.Retry(clientMessageId))
        {
            return;
        }
        StateHasChanged();
        await _outbox.DeliverAsync(clientMessageId);
        StateHasChanged();
    }

    [LoggerMessage(EventId = 3605, Level = LogLevel.Information, Message = "Typing notice in {RoomId} was refused: {Reason}")]
    private static partial void LogTypingRefused(ILogger logger, string roomId, string reason);
}
