using CollabApp.Core;
using CollabApp.Core.Chat;
using CollabApp.Core.Rooms;

namespace CollabApp.Components.Chat;

/// <summary>
/// Editing and deleting one's own messages: one edit box at a time; the answer (and the room's event) update the
/// line. A refused edit keeps the box open with the reason; a deletion, ours or seen from another tab, closes it.
/// </summary>
/// <param name="edit">Saves (messageId, text); returns the changed message.</param>
/// <param name="delete">Deletes messageId; returns the deleted message.</param>
public sealed partial class MessageEditor(
    ChatTimeline timeline,
    CollabUser user,
    string roomId,
    Func<string, string, Task<ChatMessage>> edit,
    Func<string, Task<ChatMessage>> delete,
    ILogger logger)
{
    /// <summary>The message whose edit box is open, if any.</summary>
    public string? EditingKey { get; private set; }

    /// <summary>What the edit box holds.</summary>
    public string Text { get; set; } = "";

    /// <summary>Why the last save was refused, for people; null when there is nothing to say.</summary>
    public string? Error { get; private set; }

    /// <summary>Only the author changes a message, once it is confirmed and while it is not deleted.</summary>
    public bool CanChange(ChatEntry entry) => entry.UserId == user.UserId && !entry.IsPending && !entry.Deleted;

    public void Start(ChatEntry entry)
    {
        EditingKey = entry.Key;
        Text = entry.Text;
        Error = null;
    }

    public void Cancel()
    {
        EditingKey = null;
        Error = null;
    }

    /// <summary>The message was deleted (here or elsewhere): its edit box, if open, goes.</summary>
    public void Deleted(string messageId)
    {
        if (EditingKey == messageId)
        {
            EditingKey = null;
        }
    }

    public async Task SaveAsync()
    {
        if (EditingKey is not { } messageId)
        {
            return;
        }
        try
        {
            timeline.Add(await edit(messageId, Text));
            EditingKey = null;
            Error = null;
        }
        catch (CollabError e)
        {
            Error = ErrorText.For(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEditFailed(logger, e, roomId);
            Error = ErrorText.For(e);
        }
    }

    /// <summary>Deletes the message; what to tell the person when it was refused or did not get through, else null.</summary>
    public async Task<string?> DeleteAsync(ChatEntry entry)
    {
        try
        {
            timeline.Add(await delete(entry.Key));
            Deleted(entry.Key);
            return null;
        }
        catch (CollabError e)
        {
            LogDeleteRefused(logger, roomId, e.Message);
            return ErrorText.For(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A store failure the stores did not translate; thrown out of the click, it would end the circuit.
            LogDeleteFailed(logger, e, roomId);
            return ErrorText.For(e);
        }
    }

    [LoggerMessage(EventId = 3602, Level = LogLevel.Warning, Message = "Editing a message in {RoomId} failed")]
    private static partial void LogEditFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3603, Level = LogLevel.Information, Message = "Deleting a message in {RoomId} was refused: {Reason}")]
    private static partial void LogDeleteRefused(ILogger logger, string roomId, string reason);

    [LoggerMessage(EventId = 3610, Level = LogLevel.Warning, Message = "Deleting a message in {RoomId} failed")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string roomId);
}
