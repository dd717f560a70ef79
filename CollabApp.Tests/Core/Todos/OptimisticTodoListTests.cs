using CollabApp.Core.Todos;

namespace CollabApp.Tests.Core.Todos;

public class OptimisticTodoListTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 17, 0, 0, TimeSpan.Zero);

    private static TodoItem Item(string id, string title, int version = 1, double position = 1, bool done = false) =>
        new(id, title, done, position, version, At, "u1");

    private static string[] Titles(OptimisticTodoList list) => [.. list.View.Select(v => v.Item.Title)];

    [Fact]
    public void Add_ShowsAtOncePending_ThenConfirmedByAnswer()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);

        var change = list.Add("b", "B");

        Assert.Equal(["A", "B"], Titles(list));
        Assert.True(list.View[1].IsPending);
        list.Confirm(change.ChangeId, Item("b", "B", position: 2));
        Assert.False(list.View[1].IsPending);
        Assert.Empty(list.Pending);
    }

    [Fact]
    public void Add_ConfirmedByEventBeforeAnswer_NoDuplicate()
    {
        var list = new OptimisticTodoList();
        var change = list.Add("b", "B");

        list.ApplyRemote(new TodoChange(TodoChange.Added, Item("b", "B")));
        list.Confirm(change.ChangeId, Item("b", "B"));

        Assert.Single(list.View);
        Assert.False(list.View[0].IsPending);
    }

    [Fact]
    public void SetDone_RemoteTitleChangeWhilePending_ViewHasBoth()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);
        var change = list.SetDone("a", true);

        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("a", "A2", version: 2)));

        Assert.Equal("A2", list.View[0].Item.Title);
        Assert.True(list.View[0].Item.Done);
        Assert.True(list.View[0].IsPending);
        list.Confirm(change.ChangeId, Item("a", "A2", version: 3, done: true));
        Assert.True(list.View[0].Item.Done);
        Assert.False(list.View[0].IsPending);
    }

    [Fact]
    public void Fail_RebasesRemainingPendingOnNewServerState_NotStaleCopy()
    {
        var list = new OptimisticTodoList([Item("a", "A"), Item("b", "B", position: 2)]);
        var rename = list.Rename("a", "Mine", 1);
        var tick = list.SetDone("b", true);

        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("b", "B-theirs", version: 2, position: 2)));
        list.Fail(rename.ChangeId);

        Assert.Equal(["A", "B-theirs"], Titles(list));
        Assert.True(list.View[1].Item.Done);
        Assert.True(list.View[1].IsPending);
        Assert.Equal(tick.ChangeId, Assert.Single(list.Pending).ChangeId);
    }

    [Fact]
    public void Conflict_TakesServerItem_KeepsOtherPending()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);
        var rename = list.Rename("a", "Mine", 1);
        var tick = list.SetDone("a", true);

        list.Conflict(rename.ChangeId, Item("a", "Theirs", version: 2));

        Assert.Equal("Theirs", list.View[0].Item.Title);
        Assert.True(list.View[0].Item.Done);
        Assert.True(list.View[0].IsPending);
        list.Confirm(tick.ChangeId, Item("a", "Theirs", version: 3, done: true));
        Assert.False(list.View[0].IsPending);
    }

    [Fact]
    public void ApplyRemote_OlderVersionAfterNewer_Ignored()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);

        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("a", "v3", version: 3)));
        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("a", "v2", version: 2)));

        Assert.Equal("v3", list.View[0].Item.Title);
    }

    [Fact]
    public void Deleted_NeverComesBack_EvenFromLateEventsOrSnapshot()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);

        list.ApplyRemote(new TodoChange(TodoChange.Deleted, Item("a", "A")));
        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("a", "late", version: 2)));
        list.Reset([Item("a", "A")]);

        Assert.Empty(list.View);
    }

    [Fact]
    public void Delete_HidesAtOnce_FailBringsItBack()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);
        var delete = list.Delete("a");
        Assert.Empty(list.View);

        list.Fail(delete.ChangeId);

        Assert.Equal(["A"], Titles(list));
    }

    [Fact]
    public void Move_ReordersAtOnce_ServerAnswerWins()
    {
        var list = new OptimisticTodoList([Item("a", "A", position: 1), Item("b", "B", position: 2), Item("c", "C", position: 3)]);

        var move = list.Move("c", "a");
        Assert.Equal(["C", "A", "B"], Titles(list));
        Assert.True(list.View[0].IsPending);

        list.Confirm(move.ChangeId, Item("c", "C", version: 2, position: 0.5));
        Assert.Equal(["C", "A", "B"], Titles(list));
        Assert.False(list.View[0].IsPending);
    }

    [Fact]
    public void Move_BeforeItemDeletedRemotely_GoesToEnd()
    {
        var list = new OptimisticTodoList([Item("a", "A", position: 1), Item("b", "B", position: 2), Item("c", "C", position: 3)]);
        list.Move("a", "c");

        list.ApplyRemote(new TodoChange(TodoChange.Deleted, Item("c", "C", position: 3)));

        Assert.Equal(["B", "A"], Titles(list));
    }

    [Fact]
    public void Fail_Gone_RemovesItem()
    {
        var list = new OptimisticTodoList([Item("a", "A")]);
        var tick = list.SetDone("a", true);

        list.Fail(tick.ChangeId, gone: true);

        Assert.Empty(list.View);
    }

    [Fact]
    public void Reset_RebasesPending_RemovesItemsMissingFromSnapshot()
    {
        var list = new OptimisticTodoList([Item("a", "A"), Item("b", "B", position: 2)]);
        list.Add("n", "New");
        list.SetDone("a", true);

        list.Reset([Item("a", "A-new", version: 4)]);

        Assert.Equal(["A-new", "New"], Titles(list));
        Assert.True(list.View[0].Item.Done);
        Assert.All(list.View, v => Assert.True(v.IsPending));
    }

    [Fact]
    public void Interleaved_RemoteUpdatesAndAnswers_ConvergeToServer()
    {
        var list = new OptimisticTodoList([Item("a", "A", position: 1), Item("b", "B", position: 2)]);
        var add = list.Add("c", "C");
        var tickA = list.SetDone("a", true);
        list.ApplyRemote(new TodoChange(TodoChange.Added, Item("x", "X", position: 3)));
        var renameB = list.Rename("b", "B mine", 1);
        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("b", "B theirs", version: 2, position: 2)));
        list.ApplyRemote(new TodoChange(TodoChange.Added, Item("c", "C", position: 4)));
        list.Confirm(add.ChangeId, Item("c", "C", position: 4));
        list.Conflict(renameB.ChangeId, Item("b", "B theirs", version: 2, position: 2));
        list.ApplyRemote(new TodoChange(TodoChange.Updated, Item("a", "A", version: 2, done: true)));
        list.Confirm(tickA.ChangeId, Item("a", "A", version: 2, done: true));

        Assert.Empty(list.Pending);
        Assert.Equal(["A", "B theirs", "X", "C"], Titles(list));
        Assert.All(list.View, v => Assert.False(v.IsPending));
        Assert.True(list.View[0].Item.Done);
    }
}
