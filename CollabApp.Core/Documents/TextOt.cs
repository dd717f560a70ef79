using System.Text;

namespace CollabApp.Core.Documents;

/// <summary>
/// The algebra of text operations as pure functions: apply, transform, compose, invert, and moving a
/// cursor through an operation. The algorithms follow ot.js (Operational-Transformation/ot.js,
/// lib/text-operation.js, MIT licence, Tim Baumann); this is our own code over UTF-16 units.
/// </summary>
/// <remarks>
/// Two rules make the results agree with docs/protocol.md: of two concurrent inserts at one position, the
/// one from the operation committed first stays left; and no operation may cut the document between the
/// two halves of a surrogate pair, so a well-formed document stays well-formed.
/// </remarks>
public static class TextOt
{
    /// <summary>The document after <paramref name="op"/>.</summary>
    /// <exception cref="CollabError">
    /// <see cref="CollabErrorCode.Invalid"/>: the operation does not span the document, or one of its
    /// boundaries would split a surrogate pair of the document.
    /// </exception>
    public static string Apply(string document, TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(op);
        EnsureApplicable(op, document.Length, i => document[i]);
        var result = new StringBuilder(op.TargetLength);
        var position = 0;
        foreach (var component in op.Components)
        {
            switch (component)
            {
                case Retain r:
                    result.Append(document, position, r.Count);
                    position += r.Count;
                    break;
                case Insert i:
                    result.Append(i.Text);
                    break;
                case Delete d:
                    position += d.Count;
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// Transforms two operations on the same document so that
    /// <c>Apply(Apply(d, a), bPrime) == Apply(Apply(d, b), aPrime)</c>.
    /// <paramref name="a"/> is the operation committed first: at a shared position its insert stays left.
    /// </summary>
    /// <remarks>
    /// <code>
    ///          d
    ///      a /   \ b
    ///       /     \
    ///       \     /
    ///  bPrime \   / aPrime
    ///          d'
    /// </code>
    /// </remarks>
    /// <exception cref="ArgumentException">The operations have different base lengths.</exception>
    public static (TextOperation APrime, TextOperation BPrime) Transform(TextOperation a, TextOperation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.BaseLength != b.BaseLength)
        {
            throw new ArgumentException(
                $"cannot transform operations on different documents: a spans {a.BaseLength} units, " +
                $"b spans {b.BaseLength}");
        }
        var aPrime = new TextOperation.Builder();
        var bPrime = new TextOperation.Builder();
        var ca = new OpCursor(a);
        var cb = new OpCursor(b);
        while (ca.Current is not null || cb.Current is not null)
        {
            // Inserts go first, a's before b's: that is the tie-break for a shared position.
            if (ca.Current is Insert insertA)
            {
                aPrime.Insert(insertA.Text);
                bPrime.Retain(insertA.Text.Length);
                ca.Advance(insertA.Text.Length);
                continue;
            }
            if (cb.Current is Insert insertB)
            {
                aPrime.Retain(insertB.Text.Length);
                bPrime.Insert(insertB.Text);
                cb.Advance(insertB.Text.Length);
                continue;
            }
            var n = Math.Min(ca.Remaining, cb.Remaining);
            switch (ca.Current, cb.Current)
            {
                case (Retain, Retain):
                    aPrime.Retain(n);
                    bPrime.Retain(n);
                    break;
                case (Delete, Retain):
                    aPrime.Delete(n);
                    break;
                case (Retain, Delete):
                    bPrime.Delete(n);
                    break;
                case (Delete, Delete):
                    // Both removed the same units: nothing is left for either to do.
                    break;
                default:
                    throw new InvalidOperationException("unreachable: equal base lengths end together");
            }
            ca.Advance(n);
            cb.Advance(n);
        }
        return (aPrime.Build(), bPrime.Build());
    }

    /// <summary>One operation with the effect of <paramref name="a"/> followed by <paramref name="b"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="b"/> does not span the output of <paramref name="a"/>.</exception>
    public static TextOperation Compose(TextOperation a, TextOperation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.TargetLength != b.BaseLength)
        {
            throw new ArgumentException(
                $"cannot compose: a produces {a.TargetLength} units but b spans {b.BaseLength}");
        }
        var result = new TextOperation.Builder();
        var ca = new OpCursor(a);
        var cb = new OpCursor(b);
        while (ca.Current is not null || cb.Current is not null)
        {
            // a's deletes never reach b, and b's inserts never came from a.
            if (ca.Current is Delete)
            {
                result.Delete(ca.Remaining);
                ca.Advance(ca.Remaining);
                continue;
            }
            if (cb.Current is Insert insertB)
            {
                result.Insert(insertB.Text);
                cb.Advance(insertB.Text.Length);
                continue;
            }
            var n = Math.Min(ca.Remaining, cb.Remaining);
            switch (ca.Current, cb.Current)
            {
                case (Retain, Retain):
                    result.Retain(n);
                    break;
                case (Insert, Retain):
                    result.Insert(ca.PeekText(n));
                    break;
                case (Retain, Delete):
                    result.Delete(n);
                    break;
                case (Insert, Delete):
                    // b removes what a inserted: neither survives.
                    break;
                default:
                    throw new InvalidOperationException("unreachable: a's output and b's input end together");
            }
            ca.Advance(n);
            cb.Advance(n);
        }
        return result.Build();
    }

    /// <summary>The operation that undoes <paramref name="op"/> applied to <paramref name="document"/>.</summary>
    /// <exception cref="CollabError">As <see cref="Apply"/>: the operation does not fit the document.</exception>
    public static TextOperation Invert(TextOperation op, string document)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(document);
        EnsureApplicable(op, document.Length, i => document[i]);
        var inverse = new TextOperation.Builder();
        var position = 0;
        foreach (var component in op.Components)
        {
            switch (component)
            {
                case Retain r:
                    inverse.Retain(r.Count);
                    position += r.Count;
                    break;
                case Insert i:
                    inverse.Delete(i.Text.Length);
                    break;
                case Delete d:
                    inverse.Insert(document.Substring(position, d.Count));
                    position += d.Count;
                    break;
            }
        }
        return inverse.Build();
    }

    /// <summary>
    /// Moves a cursor at <paramref name="index"/> of the base document through <paramref name="op"/>.
    /// Text inserted exactly at the cursor by someone else pushes it right (the cursor stays after it, as
    /// ot.js does); a cursor inside deleted text moves to the start of the deletion.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is outside 0..op.BaseLength.</exception>
    public static int TransformIndex(int index, TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, op.BaseLength);
        var result = index;
        var ahead = index;
        foreach (var component in op.Components)
        {
            switch (component)
            {
                case Retain r:
                    ahead -= r.Count;
                    break;
                case Insert i:
                    result += i.Text.Length;
                    break;
                case Delete d:
                    result -= Math.Min(ahead, d.Count);
                    ahead -= d.Count;
                    break;
            }
            if (ahead < 0)
            {
                break;
            }
        }
        return result;
    }

    /// <summary>
    /// Refuses, before anything changes, an operation that does not span a document of
    /// <paramref name="length"/> units or that puts a boundary inside one of its surrogate pairs. Every
    /// insert sits on such a boundary, so this also refuses inserts between the halves of a pair.
    /// </summary>
    internal static void EnsureApplicable(TextOperation op, int length, Func<int, char> charAt)
    {
        if (op.BaseLength != length)
        {
            throw CollabError.Invalid($"operation spans {op.BaseLength} units but the document has {length}");
        }
        var position = 0;
        foreach (var component in op.Components)
        {
            if (position > 0 && position < length && Utf16.SplitsPair(charAt(position - 1), charAt(position)))
            {
                throw CollabError.Invalid(
                    $"operation has a boundary at unit {position}, inside a surrogate pair of the document");
            }
            position += component switch
            {
                Retain r => r.Count,
                Delete d => d.Count,
                _ => 0,
            };
        }
    }
}
