using CollabApp.Core.Todos;
using Microsoft.AspNetCore.Components.Web;

namespace CollabApp.Components.Todos;

/// <summary>What the user does to the list: each becomes a pending change at once, then is sent (<see cref="TodoSync"/>).</summary>
public sealed partial class TodoPanel
{
    private string ItemClass(string id) =>
        "collab-todo-item" + (_draggingId == id ? " collab-todo-dragging" : "");

    private async Task OnNewKeyDownAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter" && !e.IsComposing)
        {
            await AddAsync();
        }
    }

    private async Task AddAsync()
    {
        var title = _newTitle.Trim();
        if (title.Length == 0)
        {
            return;
        }
        _newTitle = "";
        await SendAsync(_list.Add(Guid.NewGuid().ToString(), title));
    }

    private Task SetDoneAsync(string id, bool done) => SendAsync(_list.SetDone(id, done));

    private Task DeleteAsync(string id)
    {
        if (_editingId == id)
        {
            CancelEdit();
        }
        return SendAsync(_list.Delete(id));
    }

    private Task MoveAsync(int index, int by) => MoveAsync(TodoMoves.Step(_list.View, index, by));

    private Task DropOnAsync(int targetIndex)
    {
        var dragged = _draggingId;
        _draggingId = null;
        return MoveAsync(TodoMoves.Drop(_list.View, dragged, targetIndex));
    }

    private Task MoveAsync((string Id, string? BeforeId)? move) =>
        move is { } m ? SendAsync(_list.Move(m.Id, m.BeforeId)) : Task.CompletedTask;
}
