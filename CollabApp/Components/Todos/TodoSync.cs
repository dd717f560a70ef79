using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;

namespace CollabApp.Components.Todos;

/// <summary>
/// Sends the list's changes to the server one at a time, in the order they were made, so the server sees them as the
/// user made them, and settles each in the <see cref="OptimisticTodoList"/>: confirmed, a conflict (a title edit from
/// an older version), or failed (the list shows the server's state again) with what people read about it.
/// </summary>
/// <param name="send">Makes the change on the server (<see cref="Through"/>); throws <see cref="CollabError"/> on a refusal.</param>
public sealed partial class TodoSync(
    OptimisticTodoList list,
    Func<PendingTodoChange, CancellationToken, Task<TodoResult>> send,
    string roomId,
    ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The server's calls for each kind of change, each counted against the circuit's limit first.</summary>
    public static Func<PendingTodoChange, CancellationToken, Task<TodoResult>> Through(TodoService todos, CollabUser user, string roomId, Action requireLimit) =>
        async (change, cancellationToken) =>
        {
            requireLimit();
            return change.Kind switch
            {
                PendingTodoKind.Add => TodoResult.Ok(await todos.AddAsync(user, roomId, change.Id, change.Title, cancellationToken)),
                PendingTodoKind.Update => await todos.UpdateAsync(user, roomId, change.Id, change.ExpectedVersion, new TodoPatch(change.Title, change.Done), cancellationToken),
                PendingTodoKind.Move => await todos.MoveAsync(user, roomId, change.Id, change.BeforeId, cancellationToken),
                _ => await todos.DeleteAsync(user, roomId, change.Id, null, cancellationToken),
            };
        };

    /// <summary>Sends <paramref name="change"/> once those before it are answered; null when cancelled meanwhile.</summary>
    public async Task<TodoSent?> SendAsync(PendingTodoChange change, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = await send(change, cancellationToken);
            if (result.IsConflict)
            {
                list.Conflict(change.ChangeId, result.Item!);
                return new TodoSent(result.Item, null);
            }
            list.Confirm(change.ChangeId, result.Item);
            return new TodoSent(null, null);
        }
        catch (CollabError e)
        {
            list.Fail(change.ChangeId);
            return new TodoSent(null, Explain(change, e));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            LogChangeFailed(logger, e, roomId);
            list.Fail(change.ChangeId);
            return new TodoSent(null, Explain(change, e));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What people read when a change was not saved: the to-do's own cases, else the shared wording.</summary>
    public static string Explain(PendingTodoChange change, Exception error) => (change.Kind, error) switch
    {
        (_, CollabError { Code: CollabErrorCode.NotFound }) => "That task no longer exists; someone may have deleted it. The list is up to date again.",
        (PendingTodoKind.Add or PendingTodoKind.Update, CollabError { Code: CollabErrorCode.Invalid }) => $"That title was not accepted. {ErrorText.For(error)}",
        _ => $"Your change was not saved. {ErrorText.For(error)}",
    };

    [LoggerMessage(EventId = 3701, Level = LogLevel.Warning, Message = "A to-do change in {RoomId} failed")]
    private static partial void LogChangeFailed(ILogger logger, Exception exception, string roomId);
}

/// <summary>How a change ended: <see cref="Conflict"/> holds the server's item when a title edit met a newer version; <see cref="Failure"/> what people read when it was not saved.</summary>
public sealed record TodoSent(TodoItem? Conflict, string? Failure);
