using CollabApp.Components.Rooms;
using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Rooms;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CollabApp.Components.Members;

/// <summary>
/// The room's member list. Everyone who may enter sees it; the owner adds and removes members, renames and deletes
/// the room (after a confirmation); a member of a private room may leave it (<see cref="RoomRights"/>). The list
/// follows the room's member events while open. Closes with <see cref="MembersDialogResult"/>.
/// </summary>
public sealed partial class MembersDialog : IDisposable
{
    private readonly CancellationTokenSource _disposing = new();
    private IReadOnlyList<RoomMember>? _members;
    private string? _newMember;
    private string? _newName;
    private string? _error;
    private bool _busy;
    private bool _isOwner;
    private bool _mayLeave;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IRoomAdministration Rooms { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ILogger<MembersDialog> Logger { get; set; } = default!;

    [Parameter, EditorRequired]
    public required RoomInfo Room { get; set; }

    [Parameter, EditorRequired]
    public required CollabUser User { get; set; }

    /// <summary>The room page's connection, when open: the list reloads on its member events.</summary>
    [Parameter]
    public RoomConnection? Connection { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _isOwner = RoomRights.IsOwner(Room, User);
        _mayLeave = RoomRights.MayLeave(Room, User);
        _newName = Room.Name;
        if (Connection is not null)
        {
            Connection.MembersChanged += OnMembersChangedAsync;
        }
        await RunAsync(LoadAsync);
    }

    private async Task LoadAsync() => _members = await Rooms.ListAsync(User, Room.RoomId, _disposing.Token);

    private Task AddAsync() => RunAsync(async () =>
    {
        await Rooms.AddAsync(User, Room.RoomId, _newMember?.Trim(), _disposing.Token);
        _newMember = null;
        await LoadAsync();
    });

    private Task RemoveAsync(RoomMember member) => RunAsync(async () =>
    {
        await Rooms.RemoveAsync(User, Room.RoomId, member.UserName, _disposing.Token);
        await LoadAsync();
    });

    private Task RenameAsync() => RunAsync(async () =>
    {
        var renamed = await Rooms.RenameAsync(User, Room.RoomId, _newName, _disposing.Token);
        _newName = renamed.Name;
    });

    private async Task DeleteAsync()
    {
        var confirmation = await Dialogs.ShowAsync<DeleteRoomDialog>("Delete room",
            new DialogParameters<DeleteRoomDialog> { { d => d.RoomName, Room.Name } },
            new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        if (await confirmation.Result is not { Canceled: false })
        {
            return;
        }
        await RunAsync(async () =>
        {
            await Rooms.DeleteAsync(User, Room.RoomId, _disposing.Token);
            Dialog.Close(DialogResult.Ok(MembersDialogResult.Deleted));
        });
    }

    private Task LeaveAsync() => RunAsync(async () =>
    {
        await Rooms.RemoveAsync(User, Room.RoomId, User.UserName, _disposing.Token);
        Dialog.Close(DialogResult.Ok(MembersDialogResult.Left));
    });

    private void Close() => Dialog.Close(DialogResult.Ok(MembersDialogResult.Closed));

    // One action at a time; a refusal is shown in the dialog, in the words every panel uses (ErrorText).
    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
        }
        catch (CollabError e)
        {
            _error = ErrorText.For(e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogActionFailed(Logger, e, Room.RoomId);
            _error = ErrorText.For(e);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task OnMembersChangedAsync(MemberChange change) => InvokeAsync(async () =>
    {
        if (!_busy)
        {
            await RunAsync(LoadAsync);
            StateHasChanged();
        }
    });

    public void Dispose()
    {
        if (Connection is not null)
        {
            Connection.MembersChanged -= OnMembersChangedAsync;
        }
        _disposing.Cancel();
        _disposing.Dispose();
    }

    [LoggerMessage(EventId = 7301, Level = LogLevel.Warning, Message = "A members action in room {RoomId} failed")]
    private static partial void LogActionFailed(ILogger logger, Exception exception, string roomId);
}

/// <summary>How the Members dialog ended: the page leaves the room after <see cref="Left"/> and <see cref="Deleted"/>.</summary>
public enum MembersDialogResult { Closed, Left, Deleted }
