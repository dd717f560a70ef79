using CollabApp.Core;
using CollabApp.Core.Documents;
using static CollabApp.Tests.Core.Documents.Ops;

namespace CollabApp.Tests.Core.Documents;

public class DocumentTextTests
{
    [Fact]
    public void Apply_EditsAtBothEndsAndMiddle_MatchesTextOt()
    {
        var document = DocumentText.From("hello");

        document.Apply(Op("""[5, " world"]"""));
        document.Apply(Op("""[-1, "H", 10]"""));
        document.Apply(Op("""[5, ",", 6]"""));

        Assert.Equal("Hello, world", document.ToString());
        Assert.Equal(12, document.Length);
    }

    [Fact]
    public void Apply_InsertLongerThanTheGap_GrowsTheBuffer()
    {
        var document = DocumentText.From("ab");
        var text = new string('x', 10_000);

        document.Apply(new TextOperation.Builder().Retain(1).Insert(text).Retain(1).Build());

        Assert.Equal("a" + text + "b", document.ToString());
    }

    [Theory]
    [InlineData("[2, -1, 1]")]
    [InlineData("""[2, "x", 2]""")]
    [InlineData("[3]")]
    [InlineData("[5]")]
    public void Apply_OperationThatDoesNotFit_IsRefusedAndChangesNothing(string op)
    {
        var document = DocumentText.From("a\uD83D\uDE00b");
        document.Apply(Op("[4]"));

        Assert.Throws<CollabError>(() => document.Apply(Op(op)));

        Assert.Equal("a\uD83D\uDE00b", document.ToString());
    }

    [Fact]
    public void Apply_AfterAnEdit_RefusesSplittingPairsOnEitherSideOfTheGap()
    {
        var document = DocumentText.From("\uD83D\uDE00\uD83D\uDE00");
        document.Apply(Op("""[2, "y", 2]"""));

        Assert.Throws<CollabError>(() => document.Apply(Op("[4, -1]")));
        Assert.Throws<CollabError>(() => document.Apply(Op("[1, -1, 3]")));
        Assert.Equal("\uD83D\uDE00y\uD83D\uDE00", document.ToString());
    }
}
