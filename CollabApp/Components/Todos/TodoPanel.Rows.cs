using CollabApp.Components.Shared;
using CollabApp.Core.Todos;

namespace CollabApp.Components.Todos;

/// <summary>
/// The rows' controls, received by the list (<see cref="EventHandlers"/>). The row and the control come from the browser,
/// so an event is acted on only when its row is one the list shows and its control one the row has; anything else
/// changes nothing.
/// </summary>
public sealed partial class TodoPanel
{
    private Task OnRowClickAsync(RowEventArgs e)
    {
        if (TodoMoves.IndexOf(_list.View, e.Row) is not { } index)
        {
            return Task.CompletedTask;
        }
        var item = _list.View[index].Item;
        switch (e.Action)
        {
            case TodoRowHtml.Actions.Up:
                return MoveAsync(index, -1);
            case TodoRowHtml.Actions.Down:
                return MoveAsync(index, +1);
            case TodoRowHtml.Actions.Delete:
                return DeleteAsync(item.Id);
            case TodoRowHtml.Actions.Edit:
                StartEdit(item);
                return Task.CompletedTask;
            default:
                return Task.CompletedTask;
        }
    }

    private Task OnRowChangeAsync(RowEventArgs e) =>
        e is { Action: TodoRowHtml.Actions.Done, Checked: { } done } && TodoMoves.IndexOf(_list.View, e.Row) is { } index
            ? SetDoneAsync(_list.View[index].Item.Id, done)
            : Task.CompletedTask;

    private void OnRowDragStart(RowEventArgs e) =>
        _draggingId = TodoMoves.IndexOf(_list.View, e.Row) is { } index ? _list.View[index].Item.Id : null;

    private void OnRowDragEnd(RowEventArgs e) => _draggingId = null;

    private Task OnRowDropAsync(RowEventArgs e) => TodoMoves.IndexOf(_list.View, e.Row) is { } index ? DropOnAsync(index) : Task.CompletedTask;
}
