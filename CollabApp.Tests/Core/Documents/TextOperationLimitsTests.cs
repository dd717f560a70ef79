using System.Text;
using System.Text.Json;
using CollabApp.Core;
using CollabApp.Core.Documents;

namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// Issue 11: an operation costs work linear in its size and has a bounded shape. Linearity is asserted by
/// structure (runs end up as one component, the open run is the only thing that grows), never by timing.
/// </summary>
public class TextOperationLimitsTests
{
    private static readonly DocumentOptions Defaults = new();

    [Fact]
    public void ParseSubmitted_SixteenThousandOneCharInserts_IsOneInsertComponent()
    {
        var json = Repeat("\"a\"", 16_000);

        var op = TextOperation.ParseSubmitted(json, Defaults);

        var insert = Assert.IsType<Insert>(Assert.Single(op.Components));
        Assert.Equal(new string('a', 16_000), insert.Text);
        Assert.Equal(0, op.BaseLength);
        Assert.Equal(16_000, op.TargetLength);
    }

    [Fact]
    public void Builder_AlternatingInsertsAndDeletes_StayOneInsertAndOneDelete()
    {
        var builder = new TextOperation.Builder();
        for (var i = 0; i < 10_000; i++)
        {
            builder.Insert("x").Delete(1);
            Assert.Equal(2, builder.ComponentCount);
        }

        var op = builder.Build();

        Assert.Equal([new Insert(new string('x', 10_000)), new Delete(10_000)], op.Components);
    }

    [Fact]
    public void Builder_AppendAfterBuild_ContinuesTheOpenRun()
    {
        var builder = new TextOperation.Builder().Retain(2).Insert("a").Delete(1);

        var first = builder.Build();
        var second = builder.Insert("b").Retain(3).Build();

        Assert.Equal([new Retain(2), new Insert("a"), new Delete(1)], first.Components);
        Assert.Equal([new Retain(2), new Insert("ab"), new Delete(1), new Retain(3)], second.Components);
        Assert.Equal((6, 7), (second.BaseLength, second.TargetLength));
    }

    [Fact]
    public void ParseSubmitted_ExactlyTheComponentLimit_IsAccepted()
    {
        // [1,-1,1,-1,…]: retains and deletes alternate, so no run merges.
        var op = TextOperation.ParseSubmitted(Repeat("1,-1", Defaults.MaxOperationComponents / 2), Defaults);

        Assert.Equal(Defaults.MaxOperationComponents, op.Components.Count);
    }

    [Fact]
    public void ParseSubmitted_OneComponentPastTheLimit_IsTooLarge()
    {
        var json = Repeat("1,-1", Defaults.MaxOperationComponents / 2, tail: "1");

        var error = Assert.Throws<CollabError>(() => TextOperation.ParseSubmitted(json, Defaults));

        Assert.Equal(CollabErrorCode.TooLarge, error.Code);
        Assert.Contains("1000 components", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseSubmitted_ConfiguredComponentLimit_Applies()
    {
        var options = new DocumentOptions { MaxOperationComponents = 3 };

        Assert.Equal(3, TextOperation.ParseSubmitted(Json("""[1, "a", -1, "b", -2]"""), options).Components.Count);
        Assert.Equal(CollabErrorCode.TooLarge,
            Assert.Throws<CollabError>(() => TextOperation.ParseSubmitted(Json("[1, -1, 1, -1]"), options)).Code);
    }

    [Fact]
    public void ParseSubmitted_InsertedTextBeyondTheDocumentLimit_IsTooLarge()
    {
        var options = new DocumentOptions { MaxDocumentLength = 10 };

        Assert.Equal(10, TextOperation.ParseSubmitted(Json("""[5, "01234", -3, "56789"]"""), options).TargetLength - 5);
        var error = Assert.Throws<CollabError>(() => TextOperation.ParseSubmitted(Json("""["0123456789", 3, "x"]"""), options));

        Assert.Equal(CollabErrorCode.TooLarge, error.Code);
    }

    [Fact]
    public void Parse_StoredOperation_HasNoComponentLimit()
    {
        // Transforms can make a stored operation longer than any client may submit; reading it back must work.
        var op = TextOperation.Parse(Repeat("1,-1", Defaults.MaxOperationComponents));

        Assert.Equal(2 * Defaults.MaxOperationComponents, op.Components.Count);
    }

    private static JsonElement Repeat(string item, int count, string? tail = null)
    {
        var json = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(item);
        }
        if (tail is not null)
        {
            json.Append(count == 0 ? "" : ",").Append(tail);
        }
        return Json(json.Append(']').ToString());
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
