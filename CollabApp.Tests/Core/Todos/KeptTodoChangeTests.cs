using CollabApp.Core.Todos;

namespace CollabApp.Tests.Core.Todos;

public class KeptTodoChangeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static TodoItem Item(string id, string title, bool done = false, int version = 1, double position = 1) =>
        new(id, title, done, position, version, At, "bob");

    private static KeptTodoChange Kept(PendingTodoKind kind, string id, string? title = null, bool? done = null, int? baseVersion = null, string? beforeId = null) =>
        new("k1", kind, id, title, done, baseVersion, beforeId);

    [Fact]
    public void From_KeepsWhatToSend_AndTheVersionTheChangeWasMadeOn()
    {
        var list = new OptimisticTodoList([Item("a", "Milk", version: 3)]);
        var tick = list.SetDone("a", true);
        var rename = list.Rename("a", "Oat milk", 2);

        Assert.Equal(Kept(PendingTodoKind.Update, "a", done: true, baseVersion: 3) with { Key = "t" }, KeptTodoChange.From(tick, "t", 3));
        Assert.Equal(2, KeptTodoChange.From(rename, "r", 3).BaseVersion);
    }

    [Fact]
    public void Add_IsPendingAgain_UnlessTheServerAlreadyHasIt()
    {
        var list = new OptimisticTodoList([Item("done-before", "Landed")]);

        var again = Kept(PendingTodoKind.Add, "new", title: "Not yet").Replay(list);

        Assert.Equal((PendingTodoKind.Add, "new", "Not yet"), (again!.Kind, again.Id, again.Title));
        Assert.Null(Kept(PendingTodoKind.Add, "done-before", title: "Landed").Replay(list));
        Assert.Equal(["Landed", "Not yet"], list.View.Select(v => v.Item.Title));
    }

    [Fact]
    public void Update_IsCheckedAgainstItsBaseVersion_AndDroppedWhenAlreadyApplied()
    {
        var list = new OptimisticTodoList([Item("a", "Milk", version: 4), Item("b", "Bread", done: true, version: 2)]);

        var tick = Kept(PendingTodoKind.Update, "a", done: true, baseVersion: 3).Replay(list);

        Assert.Equal((true, 3), (tick!.Done, tick.ExpectedVersion));
        Assert.Null(Kept(PendingTodoKind.Update, "b", done: true, baseVersion: 1).Replay(list));
    }

    [Fact]
    public void MoveAndDelete_OfAnItemThatIsGone_HaveNothingLeftToDo()
    {
        var list = new OptimisticTodoList([Item("a", "Milk"), Item("b", "Bread", position: 2)]);

        Assert.Null(Kept(PendingTodoKind.Delete, "gone").Replay(list));
        Assert.Null(Kept(PendingTodoKind.Move, "gone", beforeId: "a").Replay(list));
        Assert.Equal(PendingTodoKind.Move, Kept(PendingTodoKind.Move, "b", beforeId: "a").Replay(list)!.Kind);
        Assert.Equal(PendingTodoKind.Delete, Kept(PendingTodoKind.Delete, "a").Replay(list)!.Kind);
        Assert.Equal(["Bread"], list.View.Select(v => v.Item.Title));
    }

    [Fact]
    public void Malformed_IsDropped()
    {
        var list = new OptimisticTodoList([Item("a", "Milk")]);

        Assert.Null(Kept((PendingTodoKind)42, "a").Replay(list));
        Assert.Null(Kept(PendingTodoKind.Delete, null!).Replay(list));
        Assert.Null((Kept(PendingTodoKind.Delete, "a") with { Key = "" }).Replay(list));
        Assert.Null(Kept(PendingTodoKind.Add, "x").Replay(list));
        Assert.Null(Kept(PendingTodoKind.Update, "a").Replay(list));
        Assert.Empty(list.Pending);
    }
}
