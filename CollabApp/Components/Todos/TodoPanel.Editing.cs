using CollabApp.Core.Todos;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Components.Todos;

/// <summary>Editing a title: a checked update from the version the user started from (a conflict opens the dialog).</summary>
public sealed partial class TodoPanel
{
    // The item as the user saw it when they started a checked edit: "Yours" in a conflict.
    private readonly Dictionary<long, TodoItem> _editBases = [];
    private string _editTitle = "";
    private TodoItem? _editBase;

    private void StartEdit(TodoItem item)
    {
        _editingId = item.Id;
        _editTitle = item.Title;
        // The version the user starts from: the server's, not a pending guess.
        _editBase = _list.ServerItem(item.Id) ?? item;
    }

    private void CancelEdit()
    {
        _editingId = null;
        _editBase = null;
        _editTitle = "";
    }

    private async Task OnEditKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.IsComposing)
        {
            await SaveEditAsync();
        }
        else if (e.Key == "Escape")
        {
            CancelEdit();
        }
    }

    private async Task SaveEditAsync()
    {
        if (_editingId is not { } id || _editBase is not { } editBase)
        {
            return;
        }
        var title = _editTitle.Trim();
        CancelEdit();
        if (title.Length == 0 || title == editBase.Title)
        {
            return;
        }
        var change = _list.Rename(id, title, editBase.Version);
        _editBases[change.ChangeId] = editBase;
        await SendAsync(change);
    }
}
