using CollabApp.Core;
using CollabApp.Core.Documents;
using static CollabApp.Tests.Core.Documents.Ops;

namespace CollabApp.Tests.Core.Documents;

public class TextOtTests
{
    [Theory]
    [InlineData("hello", """[5, " world"]""", "hello world")]
    [InlineData("hello", """[-1, "H", 4]""", "Hello")]
    [InlineData("", """["abc"]""", "abc")]
    [InlineData("abc", "[-3]", "")]
    [InlineData("abc", "[3]", "abc")]
    [InlineData("a\uD83D\uDE00b", """[1, -2, "\uD83D\uDE01", 1]""", "a\uD83D\uDE01b")]
    public void Apply_ValidOperation_ProducesTheText(string document, string op, string expected)
    {
        Assert.Equal(expected, TextOt.Apply(document, Op(op)));
    }

    [Theory]
    [InlineData("hello", "[4]", "operation spans 4 units but the document has 5")]
    [InlineData("hello", "[3, -3]", "operation spans 6 units but the document has 5")]
    [InlineData("a\uD83D\uDE00b", "[2, -1, 1]", "operation has a boundary at unit 2, inside a surrogate pair")]
    [InlineData("a\uD83D\uDE00b", "[1, -1, 2]", "operation has a boundary at unit 2, inside a surrogate pair")]
    [InlineData("a\uD83D\uDE00b", """[2, "x", 2]""", "operation has a boundary at unit 2, inside a surrogate pair")]
    [InlineData("\uD83D\uDE00", """[1, "x", -1]""", "operation has a boundary at unit 1, inside a surrogate pair")]
    public void Apply_OperationThatDoesNotFit_IsRefused(string document, string op, string message)
    {
        var error = Assert.Throws<CollabError>(() => TextOt.Apply(document, Op(op)));

        Assert.Equal(CollabErrorCode.Invalid, error.Code);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Apply_LoneSurrogateInsert_IsRefusedBeforeItCanBeApplied()
    {
        Assert.Throws<CollabError>(() => Op("""[1, "\uD83D"]"""));
    }

    [Fact]
    public void Transform_ConcurrentInsertsAtSamePosition_FirstCommittedStaysLeft()
    {
        var a = Op("""[1, "X", 2]""");
        var b = Op("""[1, "Y", 2]""");

        var (aPrime, bPrime) = TextOt.Transform(a, b);

        Assert.Equal(Op("""[1, "X", 3]"""), aPrime);
        Assert.Equal(Op("""[2, "Y", 2]"""), bPrime);
        Assert.Equal("aXYbc", TextOt.Apply(TextOt.Apply("abc", a), bPrime));
        Assert.Equal("aXYbc", TextOt.Apply(TextOt.Apply("abc", b), aPrime));
    }

    [Fact]
    public void Transform_OverlappingDeletes_DeleteTheUnionOnce()
    {
        var a = Op("[1, -3, 2]");
        var b = Op("[2, -3, 1]");

        var (aPrime, bPrime) = TextOt.Transform(a, b);

        Assert.Equal(Op("[1, -1, 1]"), aPrime);
        Assert.Equal(Op("[1, -1, 1]"), bPrime);
        Assert.Equal("af", TextOt.Apply(TextOt.Apply("abcdef", a), bPrime));
    }

    [Fact]
    public void Transform_InsertInsideConcurrentDeletion_Survives()
    {
        var a = Op("[1, -3, 1]");
        var b = Op("""[2, "X", 3]""");

        var (aPrime, bPrime) = TextOt.Transform(a, b);

        Assert.Equal("aXe", TextOt.Apply(TextOt.Apply("abcde", a), bPrime));
        Assert.Equal("aXe", TextOt.Apply(TextOt.Apply("abcde", b), aPrime));
    }

    [Fact]
    public void Transform_DifferentBaseLengths_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => TextOt.Transform(Op("[3]"), Op("[4]")));

        Assert.Equal("cannot transform operations on different documents: a spans 3 units, b spans 4", error.Message);
    }

    [Fact]
    public void Compose_InsertThenDeletePartOfIt_KeepsTheRest()
    {
        var a = Op("""[2, "XYZ", 1]""");
        var b = Op("""[3, -1, "Q", 2]""");

        var composed = TextOt.Compose(a, b);

        Assert.Equal(Op("""[2, "XQZ", 1]"""), composed);
        Assert.Equal(TextOt.Apply(TextOt.Apply("abc", a), b), TextOt.Apply("abc", composed));
    }

    [Fact]
    public void Compose_MismatchedLengths_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => TextOt.Compose(Op("""[3, "x"]"""), Op("[3]")));

        Assert.Equal("cannot compose: a produces 4 units but b spans 3", error.Message);
    }

    [Fact]
    public void Invert_ReplaceWithPair_RestoresTheDeletedText()
    {
        var op = Op("""[1, -2, "xy", 1]""");

        var inverse = TextOt.Invert(op, "a\uD83D\uDE00b");

        Assert.Equal(Op("""[1, "\uD83D\uDE00", -2, 1]"""), inverse);
        Assert.Equal("a\uD83D\uDE00b", TextOt.Apply(TextOt.Apply("a\uD83D\uDE00b", op), inverse));
    }

    [Fact]
    public void Invert_OperationThatDoesNotFit_IsRefused()
    {
        Assert.Throws<CollabError>(() => TextOt.Invert(Op("[2, -1, 1]"), "a\uD83D\uDE00b"));
        Assert.Throws<CollabError>(() => TextOt.Invert(Op("[2]"), "abc"));
    }

    [Theory]
    [InlineData(0, """["XX", 3]""", 2)]
    [InlineData(1, """[1, "XX", 2]""", 3)]
    [InlineData(2, """[1, "XX", 2]""", 4)]
    [InlineData(1, """[2, "XX", 1]""", 1)]
    [InlineData(3, """[3, "XX"]""", 5)]
    [InlineData(2, "[1, -2]", 1)]
    [InlineData(1, "[1, -2]", 1)]
    [InlineData(3, "[-2, 1]", 1)]
    [InlineData(2, "[3]", 2)]
    public void TransformIndex_InsertAtCursorPushesRight_DeletionPullsLeft(int index, string op, int expected)
    {
        Assert.Equal(expected, TextOt.TransformIndex(index, Op(op)));
    }

    [Fact]
    public void TransformIndex_OutsideTheDocument_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOt.TransformIndex(4, Op("[3]")));
        Assert.Throws<ArgumentOutOfRangeException>(() => TextOt.TransformIndex(-1, Op("[3]")));
    }
}
