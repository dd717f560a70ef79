using System.Text.Json;
using CollabApp.Core;
using CollabApp.Core.Documents;
using static CollabApp.Tests.Core.Documents.Ops;

namespace CollabApp.Tests.Core.Documents;

public class TextOperationTests
{
    [Fact]
    public void Parse_ProtocolForm_ReadsRetainInsertDelete()
    {
        var op = Op("""[5, "abc", -3]""");

        Assert.Equal([new Retain(5), new Insert("abc"), new Delete(3)], op.Components);
        Assert.Equal(8, op.BaseLength);
        Assert.Equal(8, op.TargetLength);
        Assert.False(op.IsRetainOnly);
    }

    [Fact]
    public void Parse_AdjacentRuns_AreMerged()
    {
        Assert.Equal(Op("""[3, "ab", -3]"""), Op("""[1, 2, "a", "b", -1, -2]"""));
    }

    [Fact]
    public void Parse_InsertAfterDelete_IsPlacedBeforeIt()
    {
        var op = Op("""[-1, "H", 4]""");

        Assert.Equal([new Insert("H"), new Delete(1), new Retain(4)], op.Components);
    }

    [Fact]
    public void Builder_InsertDeleteInsert_MergesInsertsBeforeTheDelete()
    {
        var op = new TextOperation.Builder().Insert("a").Delete(2).Insert("b").Delete(1).Retain(0).Insert("").Build();

        Assert.Equal([new Insert("ab"), new Delete(3)], op.Components);
    }

    [Fact]
    public void IsRetainOnly_EmptyAndRetain_AreRetainOnly()
    {
        Assert.True(Op("[]").IsRetainOnly);
        Assert.True(Op("[7]").IsRetainOnly);
        Assert.Same(TextOperation.Empty, Op("[]"));
    }

    [Fact]
    public void Equality_SameComponents_EqualWithSameHashCode()
    {
        var a = Op("""[2, "x", -1]""");
        var b = new TextOperation.Builder().Retain(1).Retain(1).Delete(1).Insert("x").Build();

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Op("""[2, "y", -1]"""));
        Assert.False(a.Equals(null));
    }

    [Fact]
    public void ToString_GivesTheJsonForm()
    {
        Assert.Equal("""[5,"abc",-3]""", Op("""[5, "abc", -3]""").ToString());
    }

    [Fact]
    public void JsonSerializer_WritesArrayAndReadsItBack()
    {
        var payload = new Payload(7, Op("""[1, "\uD83D\uDE00", -2]"""));

        var json = JsonSerializer.Serialize(payload);
        var back = JsonSerializer.Deserialize<Payload>(json)!;

        Assert.Equal("""{"Revision":7,"Op":[1,"\uD83D\uDE00",-2]}""", json);
        Assert.Equal(payload.Op, back.Op);
    }

    [Fact]
    public void JsonSerializer_InvalidOperation_ThrowsJsonExceptionWithTheReason()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payload>("""{"Revision":1,"Op":[0]}"""));

        Assert.Contains("operation component 0 is 0", error.Message);
        Assert.IsType<CollabError>(error.InnerException);
    }

    [Fact]
    public void JsonSerializer_NullOperation_IsRefused()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Payload>("""{"Revision":1,"Op":null}"""));

        Assert.Equal("an operation must be a JSON array, not null", error.Message);
    }

    [Theory]
    [InlineData("0", "an operation must be a JSON array, not a number")]
    [InlineData("{}", "an operation must be a JSON array, not an object")]
    [InlineData("null", "an operation must be a JSON array, not null")]
    [InlineData("[1, 0]", "operation component 1 is 0; counts must be non-zero")]
    [InlineData("""[""]""", "operation component 0 is an empty string; inserts must be non-empty")]
    [InlineData("[1.5]", "operation component 0 (1.5) is not an integer in range")]
    [InlineData("[1e400]", "operation component 0 (1e400) is not an integer in range")]
    [InlineData("[null]", "operation component 0 is null; expected a non-zero integer or a non-empty string")]
    [InlineData("[{}]", "operation component 0 is an object; expected a non-zero integer or a non-empty string")]
    [InlineData("[[1]]", "operation component 0 is an array; expected a non-zero integer or a non-empty string")]
    [InlineData("[true]", "operation component 0 is a boolean; expected a non-zero integer or a non-empty string")]
    [InlineData("""["\uD83D"]""", "operation component 0 inserts text with an unpaired surrogate")]
    [InlineData("""["a\uDE00"]""", "operation component 0 inserts text with an unpaired surrogate")]
    [InlineData("[2147483648]", "operation component 0 (2147483648) is longer than 2147483647 units")]
    [InlineData("[-2147483648]", "operation component 0 (-2147483648) is longer than 2147483647 units")]
    [InlineData("[2147483647, -1]", "operation spans more than 2147483647 units")]
    [InlineData("""[2147483647, "a"]""", "operation produces more than 2147483647 units")]
    public void Parse_InvalidForm_ThrowsInvalidWithPreciseMessage(string json, string message)
    {
        var error = Assert.Throws<CollabError>(() => Op(json));

        Assert.Equal(CollabErrorCode.Invalid, error.Code);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Builder_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextOperation.Builder().Retain(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextOperation.Builder().Delete(-1));
    }

    [Fact]
    public void Builder_LoneSurrogate_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new TextOperation.Builder().Insert("x\uD83D"));

        Assert.StartsWith("inserted text has an unpaired surrogate at index 1", error.Message);
    }

    private sealed record Payload(int Revision, TextOperation Op);
}
