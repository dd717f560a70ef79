using CollabApp.Core.Todos;
using MudBlazor;

namespace CollabApp.Components.Todos;

/// <summary>A title edit met a newer version: the conflict dialog lets the user keep theirs, take the other, or merge.</summary>
public sealed partial class TodoPanel
{
    private async Task ResolveConflictAsync(PendingTodoChange change, TodoItem editBase, TodoItem theirs)
    {
        var mine = new TodoPatch(change.Title, change.Done).ApplyTo(editBase);
        var parameters = new DialogParameters<TodoConflictDialog>
        {
            { d => d.Mine, mine },
            { d => d.Theirs, theirs },
        };
        var dialog = await Dialogs.ShowAsync<TodoConflictDialog>("Edit conflict", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled || result.Data is not TodoConflictChoice { Patch: { } patch })
        {
            return;
        }
        // Re-read: the item may have moved on again while the dialog was open.
        var current = _list.ServerItem(theirs.Id);
        if (current is null)
        {
            Snackbar.Add($"\"{theirs.Title}\" was deleted meanwhile.", Severity.Info);
            return;
        }
        var needed = new TodoPatch(patch.Title == current.Title ? null : patch.Title, patch.Done == current.Done ? null : patch.Done);
        if (!needed.IsEmpty)
        {
            await SendAsync(_list.Update(current.Id, needed, current.Version));
        }
    }
}
