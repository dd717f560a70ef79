using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;

namespace CollabApp.Components.Rooms;

/// <summary>What the panels hear: one .NET event per kind of room event, raised in the room's order, one handler at a time.</summary>
public sealed partial class RoomConnection
{
    public event Func<RoomState, Task>? SnapshotLoaded;
    public event Func<Task>? Restarted;
    public event Func<ChatMessage, Task>? MessageReceived;
    public event Func<MessageChange, Task>? MessageChanged;
    public event Func<TodoChange, Task>? TodoChanged;
    public event Func<OperationCommitted, Task>? OperationReceived;
    public event Func<PresenceChange, Task>? PresenceChanged;
    public event Func<TypingNotice, Task>? TypingReceived;
    public event Func<CursorMoved, Task>? CursorMoved;
    public event Func<MemberChange, Task>? MembersChanged;
    public event Func<RoomRenamed, Task>? RoomRenamed;

    /// <summary>The user may no longer enter the room (the event says why: <c>memberRemoved</c> or <c>roomDeleted</c>); the connection has left it.</summary>
    public event Func<RoomEvent, Task>? AccessEnded;

    /// <summary>Raised when <see cref="IsLive"/> changes (on any thread).</summary>
    public event Func<Task>? LiveChanged;

    private async Task DispatchAsync(RoomEvent roomEvent)
    {
        switch (roomEvent.Data)
        {
            case ChatMessage message:
                await RaiseAsync(MessageReceived, message);
                break;
            case MessageChange messageChange:
                await RaiseAsync(MessageChanged, messageChange);
                break;
            case TodoChange change:
                await RaiseAsync(TodoChanged, change);
                break;
            case OperationCommitted operation:
                await RaiseAsync(OperationReceived, operation);
                break;
            case PresenceChange change:
                await RaiseAsync(PresenceChanged, change);
                break;
            case TypingNotice typing:
                await RaiseAsync(TypingReceived, typing);
                break;
            case CursorMoved cursor:
                await RaiseAsync(CursorMoved, cursor);
                break;
            case MemberChange member:
                await RaiseAsync(MembersChanged, member);
                break;
            case RoomRenamed renamed:
                await RaiseAsync(RoomRenamed, renamed);
                break;
        }
    }

    // Each handler in turn; one panel's failure is logged and does not starve the others.
    private async Task RaiseAsync<T>(Func<T, Task>? handlers, T argument)
    {
        if (handlers is null)
        {
            return;
        }
        foreach (var handler in handlers.GetInvocationList().Cast<Func<T, Task>>())
        {
            try
            {
                await handler(argument);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e, _room?.RoomId);
            }
        }
    }

    private async Task RaiseAsync(Func<Task>? handlers)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Func<Task>>() ?? [])
        {
            await RaiseAsync<bool>(_ => handler(), true);
        }
    }
}
