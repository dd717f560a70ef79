using CollabApp.Core;
using CollabApp.Core.Chat;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace CollabApp.Components.Chat;

/// <summary>Editing and deleting one's own messages: one edit box at a time; the answer (and the room's event) update the line.</summary>
public sealed partial class ChatPanel
{
    /// <summary>Who may be mentioned: the people of the room as this panel knows them (authors shown, people online, me).</summary>
    private IReadOnlySet<string> Members
    {
        get
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { User.UserName };
            names.UnionWith(_timeline.Entries.Select(e => e.UserName));
            names.UnionWith(Connection.State?.Online.Select(p => p.UserName) ?? []);
            return names;
        }
    }

    private bool CanChange(ChatEntry entry) => entry.UserId == User.UserId && !entry.IsPending && !entry.Deleted;

    private void StartEdit(ChatEntry entry)
    {
        _editingKey = entry.Key;
        _editText = entry.Text;
        _editError = null;
    }

    private void CancelEdit()
    {
        _editingKey = null;
        _editError = null;
    }

    private async Task OnEditKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            CancelEdit();
        }
        else if (e.Key == "Enter" && !e.ShiftKey && !e.IsComposing)
        {
            await SaveEditAsync();
        }
    }

    private async Task SaveEditAsync()
    {
        if (_editingKey is not { } messageId)
        {
            return;
        }
        try
        {
            Limiter.Require();
            _timeline.Add(await Chat.EditAsync(User, Room.RoomId, messageId, _editText, _disposing.Token));
            _editingKey = null;
            _editError = null;
        }
        catch (CollabError e)
        {
            _editError = Explain(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Editing a message in {RoomId} failed", Room.RoomId);
            _editError = "the server could not be reached.";
        }
        StateHasChanged();
    }

    private async Task DeleteMessageAsync(ChatEntry entry)
    {
        try
        {
            Limiter.Require();
            _timeline.Add(await Chat.DeleteAsync(User, Room.RoomId, entry.Key, _disposing.Token));
            if (_editingKey == entry.Key)
            {
                _editingKey = null;
            }
        }
        catch (CollabError e)
        {
            Logger.LogInformation("Deleting a message in {RoomId} was refused: {Reason}", Room.RoomId, e.Message);
        }
        StateHasChanged();
    }
}
