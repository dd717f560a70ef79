using CollabApp.Core;
using Microsoft.Extensions.Logging;

namespace CollabApp.Components.Chat;

/// <summary>
/// Unread: the marker found on entering places the "New messages" separator; the newest messages count as read once
/// they have been on a visible screen (scrolled to the bottom, tab visible) for <see cref="ReadAfter"/>, which also
/// spaces the writes out. Decisions are <see cref="ReadTracker"/>'s. While the browser is gone (a closed or reloaded
/// tab leaves its circuit running for a while), nothing is on a screen: its last "visible" does not count.
/// </summary>
public sealed partial class ChatPanel
{
    private bool _browserGone;

    private Task OnBrowserGoneAsync() => InvokeAsync(() => _browserGone = true);

    private Task OnBrowserBackAsync() => InvokeAsync(() =>
    {
        _browserGone = false;
        ScheduleRead();
    });

    private async Task LoadReadMarkerAsync()
    {
        try
        {
            var marker = await Reads.OpenAsync(User, Room.RoomId, _disposing.Token);
            _reads.Load(marker);
        }
        catch (CollabError e)
        {
            LogReadMarkerRefused(Logger, Room.RoomId, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReadMarkerFailed(Logger, e, Room.RoomId);
            return;
        }
        ScheduleRead();
        StateHasChanged();
    }

    private void ScheduleRead()
    {
        if (_readScheduled || _browserGone || !_visible || !_scroll.AtBottom || _reads.Due(_timeline.Entries) is null)
        {
            return;
        }
        _readScheduled = true;
        _readTimer ??= Time.CreateTimer(_ => _ = InvokeAsync(MarkReadAsync), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _readTimer.Change(ReadAfter, Timeout.InfiniteTimeSpan);
    }

    private async Task MarkReadAsync()
    {
        _readScheduled = false;
        if (_browserGone || !_visible || !_scroll.AtBottom || _reads.Due(_timeline.Entries) is not { } due)
        {
            return;
        }
        try
        {
            Limiter.Require();
            await Reads.MarkReadAsync(User, Room.RoomId, due.MessageId, _disposing.Token);
            _reads.Marked(due.EventId);
        }
        catch (CollabError e)
        {
            LogMarkReadRefused(Logger, Room.RoomId, e.Message);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMarkReadFailed(Logger, e, Room.RoomId);
            return;
        }
        // Messages that arrived during the write are due in turn.
        ScheduleRead();
    }

    [LoggerMessage(EventId = 3606, Level = LogLevel.Information, Message = "Reading the read marker in {RoomId} was refused: {Reason}")]
    private static partial void LogReadMarkerRefused(ILogger logger, string roomId, string reason);

    [LoggerMessage(EventId = 3607, Level = LogLevel.Warning, Message = "Reading the read marker in {RoomId} failed")]
    private static partial void LogReadMarkerFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3608, Level = LogLevel.Information, Message = "Marking messages read in {RoomId} was refused: {Reason}")]
    private static partial void LogMarkReadRefused(ILogger logger, string roomId, string reason);

    [LoggerMessage(EventId = 3609, Level = LogLevel.Warning, Message = "Marking messages read in {RoomId} failed")]
    private static partial void LogMarkReadFailed(ILogger logger, Exception exception, string roomId);
}
