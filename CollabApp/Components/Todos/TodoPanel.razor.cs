using CollabApp.Components.Rooms;
using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using Microsoft.AspNetCore.Components;
using System.Text.Json;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace CollabApp.Components.Todos;

/// <summary>
/// The to-do list over <see cref="OptimisticTodoList"/>: every change is shown at once (pending), then sent;
/// changes go to the server one at a time in the order they were made, so the server sees them as the
/// user made them. Done is last-write-wins; a title edit carries the version the user started from and
/// may come back as a conflict, which opens the conflict dialog. Until the server answers, each change is also
/// kept in the browser tab (todo-outbox.mjs): a reload, or the page coming back on another instance after its
/// instance died, sends what is still unanswered again (<see cref="KeptTodoChange"/>).
/// </summary>
public sealed partial class TodoPanel
{
    private readonly OptimisticTodoList _list = new();
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    // The item as the user saw it when they started a checked edit: "Yours" in a conflict.
    private readonly Dictionary<long, TodoItem> _editBases = [];
    private MudTextField<string>? _newInput;
    private string _newTitle = "";
    private string? _editingId;
    private string _editTitle = "";
    private TodoItem? _editBase;
    private string? _draggingId;
    private BrowserModule _browser = default!;
    // The key under which the tab keeps each pending change, by change id.
    private readonly Dictionary<long, string> _keptKeys = [];
    private bool _restored;

    private IJSObjectReference? Outbox => _browser.Attached;

    private bool _sentAny;

    // For screen readers (the row's spinner is only seen): "Saving…" while a change waits for the server, then "Saved".
    private string SavingAnnouncement => _list.Pending.Count > 0 ? "Saving…" : _sentAny ? "Saved" : "";

    [Inject]
    private CollabApp.Protection.CircuitActionLimiter Limiter { get; set; } = default!;

    [Inject]
    private TodoService Todos { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<TodoPanel> Logger { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override void OnInitialized()
    {
        _browser = new BrowserModule(JS, "./js/todos/todo-outbox.mjs");
        Connection.SnapshotLoaded += OnSnapshotAsync;
        Connection.TodoChanged += OnTodoChangedAsync;
        if (Connection.State is { } state)
        {
            _list.Reset(state.Todos);
            if (state.HasMoreTodos)
            {
                _ = InvokeAsync(LoadAllAsync);
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && await _browser.LoadAsync() && await _browser.AttachAsync("keepChanges", Room.RoomId, User.UserId) is not null)
        {
            await RestoreIfReadyAsync();
        }
    }

    private Task OnSnapshotAsync(RoomState state) => InvokeAsync(async () =>
    {
        _list.Reset(state.Todos);
        StateHasChanged();
        if (state.HasMoreTodos)
        {
            await LoadAllAsync();
        }
        await RestoreIfReadyAsync();
    });

    // Once the tab's storage is reachable and the list holds the server's items (either may come first): what the
    // previous page left unanswered is made pending again, in order, and sent.
    private async Task RestoreIfReadyAsync()
    {
        if (_restored || Outbox is not { } outbox || Connection.State is null)
        {
            return;
        }
        _restored = true;
        KeptTodoChange[] kept;
        try
        {
            kept = await outbox.InvokeAsync<KeptTodoChange[]>("take", _disposing.Token) ?? [];
        }
        catch (JsonException e)
        {
            Logger.LogInformation(e, "Dropped unreadable kept to-do changes in {RoomId}", Room.RoomId);
            return;
        }
        foreach (var change in kept)
        {
            if (change.Replay(_list) is { } pending)
            {
                await SendAsync(pending, change.Key);
            }
        }
    }

    // The snapshot holds the first items only; the page shows them all (read after it, so events since then that the
    // list already shows are recognised by their versions).
    private async Task LoadAllAsync()
    {
        try
        {
            _list.Reset(await Todos.ListAsync(User, Room.RoomId, _disposing.Token));
            StateHasChanged();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Logger.LogWarning(e, "Loading the whole to-do list of {RoomId} failed", Room.RoomId);
        }
    }

    private Task OnTodoChangedAsync(TodoChange change) => InvokeAsync(() =>
    {
        _list.ApplyRemote(change);
        if (change.Kind == TodoChange.Deleted && _editingId == change.Item.Id)
        {
            CancelEdit();
            Snackbar.Add($"\"{change.Item.Title}\" was deleted by someone else while you were editing it.", Severity.Info);
        }
        StateHasChanged();
    });

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
        if (_newInput is not null)
        {
            await _newInput.ClearAsync();
        }
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

    private Task MoveAsync(int index, int by)
    {
        var view = _list.View;
        var target = index + by;
        if (index < 0 || index >= view.Count || target < 0 || target >= view.Count)
        {
            return Task.CompletedTask;
        }
        // Up: before the one above. Down: before the one after the next (or to the end).
        var beforeId = by < 0 ? view[target].Item.Id : target + 1 < view.Count ? view[target + 1].Item.Id : null;
        return SendAsync(_list.Move(view[index].Item.Id, beforeId));
    }

    private Task DropOnAsync(int targetIndex)
    {
        var dragged = _draggingId;
        _draggingId = null;
        var view = _list.View;
        var from = dragged is null ? -1 : Enumerable.Range(0, view.Count).FirstOrDefault(i => view[i].Item.Id == dragged, -1);
        if (from < 0 || from == targetIndex || targetIndex >= view.Count)
        {
            return Task.CompletedTask;
        }
        // Dropped on an item: take its place, the way the list would look while dragging.
        var beforeId = from > targetIndex ? view[targetIndex].Item.Id : targetIndex + 1 < view.Count ? view[targetIndex + 1].Item.Id : null;
        return SendAsync(_list.Move(dragged!, beforeId));
    }

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

    private async Task SendAsync(PendingTodoChange change, string? keptKey = null)
    {
        _sentAny = true;
        StateHasChanged();
        var key = await KeepAsync(change, keptKey);
        TodoItem? conflictCurrent = null;
        await _sendGate.WaitAsync(_disposing.Token);
        try
        {
            Limiter.Require();
            switch (change.Kind)
            {
                case PendingTodoKind.Add:
                    _list.Confirm(change.ChangeId, await Todos.AddAsync(User, Room.RoomId, change.Id, change.Title, _disposing.Token));
                    break;
                case PendingTodoKind.Update:
                    var updated = await Todos.UpdateAsync(User, Room.RoomId, change.Id, change.ExpectedVersion, new TodoPatch(change.Title, change.Done), _disposing.Token);
                    if (updated.IsConflict)
                    {
                        conflictCurrent = updated.Item!;
                        _list.Conflict(change.ChangeId, conflictCurrent);
                    }
                    else
                    {
                        _list.Confirm(change.ChangeId, updated.Item);
                    }
                    break;
                case PendingTodoKind.Move:
                    _list.Confirm(change.ChangeId, (await Todos.MoveAsync(User, Room.RoomId, change.Id, change.BeforeId, _disposing.Token)).Item);
                    break;
                case PendingTodoKind.Delete:
                    _list.Confirm(change.ChangeId, (await Todos.DeleteAsync(User, Room.RoomId, change.Id, null, _disposing.Token)).Item);
                    break;
            }
        }
        catch (CollabError e)
        {
            _list.Fail(change.ChangeId);
            Snackbar.Add(Explain(change, e), Severity.Warning);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "A to-do change in {RoomId} failed", Room.RoomId);
            _list.Fail(change.ChangeId);
            Snackbar.Add("Your change could not be saved; the list shows the latest saved state.", Severity.Warning);
        }
        finally
        {
            _sendGate.Release();
        }
        await ForgetAsync(key);
        var editBase = _editBases.Remove(change.ChangeId, out var seen) ? seen : null;
        StateHasChanged();
        if (conflictCurrent is not null)
        {
            await ResolveConflictAsync(change, editBase ?? conflictCurrent, conflictCurrent);
        }
    }

    // Kept before it is sent: the instance may die while the call is on its way. A tab that cannot keep it (storage
    // full or disabled, the browser gone) still sends it.
    private async Task<string?> KeepAsync(PendingTodoChange change, string? key)
    {
        if (Outbox is not { } outbox)
        {
            return null;
        }
        key ??= Guid.NewGuid().ToString("N");
        var kept = KeptTodoChange.From(change, key, _list.ServerItem(change.Id)?.Version);
        try
        {
            await outbox.InvokeVoidAsync("put", _disposing.Token, kept);
            return key;
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            return null;
        }
    }

    private async Task ForgetAsync(string? key)
    {
        if (key is null || Outbox is not { } outbox || _disposing.IsCancellationRequested)
        {
            return;
        }
        try
        {
            await outbox.InvokeVoidAsync("remove", _disposing.Token, key);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Kept a little too long: the next page finds the change done and sends nothing, or sends it again safely.
        }
    }

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

    private static string Explain(PendingTodoChange change, CollabError error) => (change.Kind, error.Code) switch
    {
        (_, CollabErrorCode.NotFound) => "That task no longer exists; someone may have deleted it. The list is up to date again.",
        (_, CollabErrorCode.RateLimited) => "You are making changes very quickly; slow down a little. That one was not saved, please try again in a moment.",
        (_, CollabErrorCode.Unavailable) => "The server is busy; your change was not saved. Please try again in a moment.",
        (_, CollabErrorCode.Forbidden) => "You no longer have access to this room; your change was not saved.",
        (PendingTodoKind.Add or PendingTodoKind.Update, CollabErrorCode.Invalid) => $"That title was not accepted: {error.Message}",
        _ => $"Your change was not saved: {error.Message}",
    };

    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.TodoChanged -= OnTodoChangedAsync;
        await _disposing.CancelAsync();
        await _browser.DisposeAsync();
        _disposing.Dispose();
    }
}
