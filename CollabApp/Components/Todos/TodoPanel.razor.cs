using CollabApp.Components.Rooms;
using CollabApp.Components.Shared;
using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace CollabApp.Components.Todos;

/// <summary>
/// The to-do list over <see cref="OptimisticTodoList"/>: every change is shown at once (pending), then sent;
/// changes go to the server one at a time in the order they were made, so the server sees them as the
/// user made them. Done is last-write-wins; a title edit carries the version the user started from and
/// may come back as a conflict, which opens the conflict dialog. Sending and settling is <see cref="TodoSync"/>'s, the
/// reordering arithmetic <see cref="TodoMoves"/>'s; the tab keeps what is unanswered (TodoPanel.Keeping.cs).
/// </summary>
public sealed partial class TodoPanel
{
    private const string AddButtonClass = ButtonClasses.FilledPrimary + " ml-2";

    private readonly OptimisticTodoList _list = new();
    private TodoSync _sync = default!;
    private readonly CancellationTokenSource _disposing = new();
    private string _newTitle = "";
    private string? _editingId;
    private string? _draggingId;
    private BrowserModule _browser = default!;
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
        _browser = new BrowserModule(JS, "./js/todos/todo-outbox.mjs", _disposing.Token);
        _sync = new TodoSync(_list, TodoSync.Through(Todos, User, Room.RoomId, Limiter.Require), Room.RoomId, Logger);
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
            LogLoadAllFailed(Logger, e, Room.RoomId);
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

    private async Task SendAsync(PendingTodoChange change, string? keptKey = null)
    {
        _sentAny = true;
        StateHasChanged();
        var key = await KeepAsync(change, keptKey);
        if (await _sync.SendAsync(change, _disposing.Token) is not { } sent)
        {
            return;
        }
        if (sent.Failure is { } failure)
        {
            Snackbar.Add(failure, Severity.Warning);
        }
        await ForgetAsync(key);
        var editBase = _editBases.Remove(change.ChangeId, out var seen) ? seen : null;
        StateHasChanged();
        if (sent.Conflict is { } theirs)
        {
            await ResolveConflictAsync(change, editBase ?? theirs, theirs);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Connection.SnapshotLoaded -= OnSnapshotAsync;
        Connection.TodoChanged -= OnTodoChangedAsync;
        // Cancelling first tells the browser module too (it is gone from then on, before anything here waits).
        await _disposing.CancelAsync();
        await _browser.DisposeAsync();
        _disposing.Dispose();
    }

    [LoggerMessage(EventId = 3703, Level = LogLevel.Warning, Message = "Loading the whole to-do list of {RoomId} failed")]
    private static partial void LogLoadAllFailed(ILogger logger, Exception exception, string roomId);
}
