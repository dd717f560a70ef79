using CollabApp.Core.Todos;

namespace CollabApp.Tests.Core.Todos;

public sealed class TodoMovesTests
{
    private static readonly TodoView[] View =
        [.. new[] { "a", "b", "c", "d" }.Select((id, i) => new TodoView(new TodoItem(id, id.ToUpperInvariant(), false, i + 1, 1, DateTimeOffset.UnixEpoch, "u1"), false))];

    [Fact]
    public void Up_GoesBeforeTheOneAbove_Down_BeforeTheOneAfterTheNext_OrToTheEnd()
    {
        Assert.Equal(("c", "b"), TodoMoves.Step(View, 2, -1));
        Assert.Equal(("b", "d"), TodoMoves.Step(View, 1, +1));
        Assert.Equal(("c", null), TodoMoves.Step(View, 2, +1));
    }

    [Fact]
    public void StepsPastEitherEnd_MoveNothing()
    {
        Assert.Null(TodoMoves.Step(View, 0, -1));
        Assert.Null(TodoMoves.Step(View, 3, +1));
        Assert.Null(TodoMoves.Step(View, 7, -1));
    }

    [Fact]
    public void ADrop_TakesTheTargetsPlace_FromAboveOrBelow()
    {
        Assert.Equal(("d", "b"), TodoMoves.Drop(View, "d", 1));
        Assert.Equal(("a", "d"), TodoMoves.Drop(View, "a", 2));
        Assert.Equal(("a", null), TodoMoves.Drop(View, "a", 3));
    }

    [Fact]
    public void ADropOntoItself_OrOfNothingKnown_MovesNothing()
    {
        Assert.Null(TodoMoves.Drop(View, "b", 1));
        Assert.Null(TodoMoves.Drop(View, null, 1));
        Assert.Null(TodoMoves.Drop(View, "gone", 1));
        Assert.Null(TodoMoves.Drop(View, "a", 4));
    }
}
