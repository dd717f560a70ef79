using CollabApp.Components.Todos;
using CollabApp.Core;
using CollabApp.Core.Todos;
using Microsoft.Extensions.Logging.Abstractions;

namespace CollabApp.Tests.Core.Todos;

public sealed class TodoSyncTests
{
    private static TodoItem Item(string id, string title, int version = 1) => new(id, title, false, 1, version, DateTimeOffset.UnixEpoch, "u1");

    private readonly OptimisticTodoList _list = new([Item("a", "A")]);
    private readonly List<PendingTodoChange> _sent = [];
    private Func<PendingTodoChange, Task<TodoResult>> _answer = c => Task.FromResult(TodoResult.Ok(Item(c.Id, c.Title ?? "A", 2)));

    private TodoSync NewSync() => new(_list, (change, _) =>
    {
        _sent.Add(change);
        return _answer(change);
    }, "lobby", NullLogger.Instance);

    [Fact]
    public async Task AnAnsweredChange_IsConfirmed()
    {
        var sent = await NewSync().SendAsync(_list.Rename("a", "A2", 1), CancellationToken.None);

        Assert.Equal(new TodoSent(null, null), sent);
        Assert.Empty(_list.Pending);
        Assert.Equal("A2", _list.View[0].Item.Title);
    }

    [Fact]
    public async Task AConflict_ComesBackWithTheServersItem()
    {
        var theirs = Item("a", "Theirs", 3);
        _answer = _ => Task.FromResult(TodoResult.Conflict(theirs));

        var sent = await NewSync().SendAsync(_list.Rename("a", "Mine", 1), CancellationToken.None);

        Assert.Equal(theirs, sent!.Conflict);
        Assert.Empty(_list.Pending);
        Assert.Equal("Theirs", _list.View[0].Item.Title);
    }

    [Fact]
    public async Task ARefusal_ShowsTheServersStateAgain_AndSaysWhy()
    {
        _answer = _ => Task.FromException<TodoResult>(CollabError.NotFound("to-do 'a' does not exist."));
        var gone = await NewSync().SendAsync(_list.SetDone("a", true), CancellationToken.None);
        Assert.Contains("no longer exists", gone!.Failure);
        Assert.False(_list.View[0].Item.Done);

        _answer = _ => Task.FromException<TodoResult>(CollabError.Invalid("title must not be empty."));
        var invalid = await NewSync().SendAsync(_list.Rename("a", " ", 1), CancellationToken.None);
        Assert.Equal("That title was not accepted. Title must not be empty.", invalid!.Failure);

        _answer = _ => Task.FromException<TodoResult>(new IOException("connection reset"));
        var lost = await NewSync().SendAsync(_list.Delete("a"), CancellationToken.None);
        Assert.Equal($"Your change was not saved. {ErrorText.Unreachable}", lost!.Failure);
        Assert.Equal("A", Assert.Single(_list.View).Item.Title);
    }

    [Fact]
    public async Task ChangesGoOneAtATime_InTheOrderTheyWereMade()
    {
        var first = new TaskCompletionSource<TodoResult>();
        _answer = c => c.Kind == PendingTodoKind.Update ? first.Task : Task.FromResult(TodoResult.Ok(null));
        var sync = NewSync();

        var rename = sync.SendAsync(_list.Rename("a", "A2", 1), CancellationToken.None);
        var delete = sync.SendAsync(_list.Delete("a"), CancellationToken.None);

        Assert.Single(_sent);
        first.SetResult(TodoResult.Ok(Item("a", "A2", 2)));
        await Task.WhenAll(rename, delete);
        Assert.Equal([PendingTodoKind.Update, PendingTodoKind.Delete], _sent.Select(c => c.Kind));
    }

    [Fact]
    public async Task ACancelledSend_ReportsNothing()
    {
        using var stopping = new CancellationTokenSource();
        _answer = _ =>
        {
            stopping.Cancel();
            return Task.FromException<TodoResult>(new OperationCanceledException(stopping.Token));
        };

        Assert.Null(await NewSync().SendAsync(_list.SetDone("a", true), stopping.Token));
    }
}
