using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Rooms;

namespace CollabApp.Components.Chat;

/// <summary>
/// Our messages on their way: each shows in the timeline at once as pending, then goes to the server; a refusal or
/// a lost call leaves it there, failed, with the reason and a retry. Every attempt carries the same client message
/// id: a retry of a send that did reach the server returns the first message instead of posting it twice.
/// </summary>
/// <param name="send">Sends (clientMessageId, text) and returns the stored message; throws <see cref="CollabError"/> on a refusal.</param>
public sealed partial class ChatOutbox(
    ChatTimeline timeline,
    CollabUser user,
    string roomId,
    TimeProvider time,
    Func<string, string, Task<ChatMessage>> send,
    ILogger logger)
{
    /// <summary>Shows <paramref name="text"/> as pending; returns its client message id, for <see cref="DeliverAsync"/>.</summary>
    public string Queue(string text)
    {
        var clientMessageId = Guid.NewGuid().ToString();
        timeline.AddPending(clientMessageId, user, text, time.GetUtcNow());
        return clientMessageId;
    }

    /// <summary>Marks a failed message as sending again; false when there is no such message waiting.</summary>
    public bool Retry(string clientMessageId)
    {
        if (timeline.FindLocal(clientMessageId) is null)
        {
            return false;
        }
        timeline.MarkSending(clientMessageId);
        return true;
    }

    /// <summary>Sends the pending message; it ends confirmed, or failed with the reason people read.</summary>
    public async Task DeliverAsync(string clientMessageId)
    {
        if (timeline.FindLocal(clientMessageId) is not { } entry)
        {
            return;
        }
        try
        {
            timeline.Add(await send(clientMessageId, entry.Text));
        }
        catch (CollabError e)
        {
            timeline.MarkFailed(clientMessageId, ErrorText.For(e));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSendFailed(logger, e, roomId);
            timeline.MarkFailed(clientMessageId, ErrorText.For(e));
        }
    }

    [LoggerMessage(EventId = 3601, Level = LogLevel.Warning, Message = "Sending a message in {RoomId} failed")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string roomId);
}
