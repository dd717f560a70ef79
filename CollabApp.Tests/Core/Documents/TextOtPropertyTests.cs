using CollabApp.Core;
using CollabApp.Core.Documents;
using CsCheck;

namespace CollabApp.Tests.Core.Documents;

/// <summary>
/// Randomised invariants of the algebra (the properties ot.js tests). Each case is built from a
/// shrinkable array of choices; on failure CsCheck prints the shrunk case and its seed, and setting
/// the environment variable <c>CsCheck_Seed</c> to that seed replays it.
/// </summary>
public class TextOtPropertyTests
{
    private const int Iterations = 5_000;

    private static readonly Gen<int[]> _choices = Gen.Int[0, int.MaxValue].Array[0, 80];

    /// <summary>A document and two concurrent operations on it.</summary>
    private static readonly Gen<Concurrent> _concurrent = _choices.Select(choices =>
    {
        var cases = OtCases.FromChoices(choices);
        var document = cases.Text(12);
        return new Concurrent(document, cases.Operation(document), cases.Operation(document));
    });

    /// <summary>A document and two operations applied one after the other.</summary>
    private static readonly Gen<Sequential> _sequential = _choices.Select(choices =>
    {
        var cases = OtCases.FromChoices(choices);
        var document = cases.Text(12);
        var a = cases.Operation(document);
        return new Sequential(document, a, cases.Operation(TextOt.Apply(document, a)));
    });

    [Fact]
    public void Transform_RandomConcurrentOps_Converge()
    {
        _concurrent.Sample(c =>
        {
            var (aPrime, bPrime) = TextOt.Transform(c.A, c.B);
            var viaA = TextOt.Apply(TextOt.Apply(c.Document, c.A), bPrime);
            var viaB = TextOt.Apply(TextOt.Apply(c.Document, c.B), aPrime);
            Assert.Equal(viaA, viaB);
            Assert.Equal(-1, Utf16.IndexOfUnpairedSurrogate(viaA));
        }, iter: Iterations);
    }

    [Fact]
    public void Transform_RandomConcurrentOps_PreserveLengths()
    {
        _concurrent.Sample(c =>
        {
            var (aPrime, bPrime) = TextOt.Transform(c.A, c.B);
            Assert.Equal(c.B.TargetLength, aPrime.BaseLength);
            Assert.Equal(c.A.TargetLength, bPrime.BaseLength);
            Assert.Equal(aPrime.TargetLength, bPrime.TargetLength);
        }, iter: Iterations);
    }

    [Fact]
    public void Transform_AgainstRetainOnly_LeavesTheOtherUnchanged()
    {
        static TextOperation Identity(int length) => new TextOperation.Builder().Retain(length).Build();
        _concurrent.Sample(c =>
        {
            var identity = Identity(c.Document.Length);
            Assert.Equal((c.A, Identity(c.A.TargetLength)), TextOt.Transform(c.A, identity));
            Assert.Equal((Identity(c.B.TargetLength), c.B), TextOt.Transform(identity, c.B));
        }, iter: Iterations);
    }

    [Fact]
    public void Compose_RandomSequentialOps_AgreesWithApplyingBoth()
    {
        _sequential.Sample(s =>
        {
            var composed = TextOt.Compose(s.A, s.B);
            Assert.Equal(TextOt.Apply(TextOt.Apply(s.Document, s.A), s.B), TextOt.Apply(s.Document, composed));
            Assert.Equal(s.A.BaseLength, composed.BaseLength);
            Assert.Equal(s.B.TargetLength, composed.TargetLength);
        }, iter: Iterations);
    }

    [Fact]
    public void Invert_RandomOp_UndoesIt()
    {
        _concurrent.Sample(c =>
        {
            var inverse = TextOt.Invert(c.A, c.Document);
            var applied = TextOt.Apply(c.Document, c.A);
            Assert.Equal(c.Document, TextOt.Apply(applied, inverse));
            Assert.Equal(-1, Utf16.IndexOfUnpairedSurrogate(applied));
            Assert.Equal(c.Document, TextOt.Apply(c.Document, TextOt.Compose(c.A, inverse)));
        }, iter: Iterations);
    }

    [Fact]
    public void Parse_ToJsonOfRandomOp_RoundTrips()
    {
        _concurrent.Sample(c => Assert.Equal(c.A, Ops.Op(c.A.ToJson())), iter: Iterations);
    }

    [Fact]
    public void TransformIndex_CursorAtTheEnd_StaysAtTheEnd()
    {
        _concurrent.Sample(c =>
            Assert.Equal(c.A.TargetLength, TextOt.TransformIndex(c.Document.Length, c.A)), iter: Iterations);
    }

    [Fact]
    public void TransformIndex_CursorBeforeAKeptCharacter_StaysBeforeIt()
    {
        _concurrent.Sample(c =>
        {
            // Same shape, but every unit distinct (private-use letters) so each can be found afterwards.
            var marked = new string(Enumerable.Range(0, c.Document.Length).Select(i => (char)(0xE000 + i)).ToArray());
            var result = TextOt.Apply(marked, c.A);
            for (var i = 0; i <= marked.Length; i++)
            {
                var index = TextOt.TransformIndex(i, c.A);
                Assert.InRange(index, 0, result.Length);
                if (i < marked.Length && result.IndexOf(marked[i], StringComparison.Ordinal) is var kept and >= 0)
                {
                    Assert.Equal(kept, index);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void DocumentText_RandomOpSequences_AgreesWithTextOt()
    {
        _choices.Array[1, 8].Sample(rounds =>
        {
            var cases = OtCases.FromChoices(rounds[0]);
            var expected = cases.Text(20);
            var document = DocumentText.From(expected);
            foreach (var choices in rounds)
            {
                var op = OtCases.FromChoices(choices).Operation(expected);
                expected = TextOt.Apply(expected, op);
                document.Apply(op);
                Assert.Equal(expected.Length, document.Length);
            }
            Assert.Equal(expected, document.ToString());
        }, iter: Iterations);
    }

    [Fact]
    public void Apply_OpWithABoundaryInsideAPair_IsRefusedByBothAppliers()
    {
        _choices.Sample(choices =>
        {
            var cases = OtCases.FromChoices(choices);
            var document = cases.Text(12) + "\U0001F600" + cases.Text(4);
            var pairs = Enumerable.Range(0, document.Length - 1).Where(i => char.IsHighSurrogate(document[i])).ToArray();
            var cut = pairs[choices.Length % pairs.Length] + 1;
            var builder = new TextOperation.Builder().Retain(cut);
            var op = (choices.Length % 3) switch
            {
                0 => builder.Insert("x").Retain(document.Length - cut).Build(),
                1 => builder.Delete(1).Retain(document.Length - cut - 1).Build(),
                _ => builder.Delete(document.Length - cut).Build(),
            };
            var text = DocumentText.From(document);
            Assert.Throws<CollabError>(() => TextOt.Apply(document, op));
            Assert.Throws<CollabError>(() => text.Apply(op));
            Assert.Throws<CollabError>(() => TextOt.Invert(op, document));
            Assert.Equal(document, text.ToString());
        }, iter: Iterations);
    }

    internal sealed record Concurrent(string Document, TextOperation A, TextOperation B);

    internal sealed record Sequential(string Document, TextOperation A, TextOperation B);
}
