namespace CollabApp.Core.Documents;

/// <summary>
/// A mutable document for long texts: a gap buffer over <c>char[]</c>. The gap sits where the last edit
/// ended, so an operation of the usual shape <c>[retain p, insert/delete, retain rest]</c> costs the
/// distance from the previous edit plus the inserted length, not the document length.
/// Not thread-safe: the owner (the document's sequencer) serialises access.
/// </summary>
public sealed class DocumentText
{
    private const int MinimumGap = 64;

    private char[] _buffer;
    private int _gapStart;
    private int _gapEnd;

    private DocumentText(char[] buffer, int length)
    {
        _buffer = buffer;
        _gapStart = length;
        _gapEnd = buffer.Length;
    }

    /// <summary>The length in UTF-16 units.</summary>
    public int Length => _buffer.Length - (_gapEnd - _gapStart);

    /// <summary>The units the buffer holds, gap included: what the text costs in memory (two bytes each).</summary>
    public int Capacity => _buffer.Length;

    /// <summary>A document holding <paramref name="text"/>.</summary>
    public static DocumentText From(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new char[text.Length + Math.Max(MinimumGap, text.Length / 4)];
        text.CopyTo(0, buffer, 0, text.Length);
        return new DocumentText(buffer, text.Length);
    }

    /// <summary>Applies <paramref name="op"/> in place, with the validation of <see cref="TextOt.Apply"/>.</summary>
    /// <exception cref="CollabError">
    /// <see cref="CollabErrorCode.Invalid"/>, thrown before any change: the operation does not span the
    /// document or would split a surrogate pair.
    /// </exception>
    public void Apply(TextOperation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        TextOt.EnsureApplicable(op, Length, CharAt);
        var position = 0;
        foreach (var component in op.Components)
        {
            switch (component)
            {
                case Retain r:
                    position += r.Count;
                    break;
                case Insert i:
                    MoveGap(position);
                    EnsureGap(i.Text.Length);
                    i.Text.CopyTo(0, _buffer, _gapStart, i.Text.Length);
                    _gapStart += i.Text.Length;
                    position += i.Text.Length;
                    break;
                case Delete d:
                    MoveGap(position);
                    _gapEnd += d.Count;
                    break;
            }
        }
    }

    /// <summary>Throws what <see cref="Apply"/> would throw, without changing anything.</summary>
    public void EnsureApplicable(TextOperation op) => TextOt.EnsureApplicable(op, Length, CharAt);

    public override string ToString() =>
        string.Concat(_buffer.AsSpan(0, _gapStart), _buffer.AsSpan(_gapEnd));

    private char CharAt(int index) => index < _gapStart ? _buffer[index] : _buffer[index + _gapEnd - _gapStart];

    /// <summary>Moves the gap so that it starts at <paramref name="position"/> of the text.</summary>
    private void MoveGap(int position)
    {
        if (position < _gapStart)
        {
            var count = _gapStart - position;
            Array.Copy(_buffer, position, _buffer, _gapEnd - count, count);
            _gapStart = position;
            _gapEnd -= count;
        }
        else if (position > _gapStart)
        {
            var count = position - _gapStart;
            Array.Copy(_buffer, _gapEnd, _buffer, _gapStart, count);
            _gapStart = position;
            _gapEnd += count;
        }
    }

    /// <summary>Grows the buffer geometrically when the gap cannot take <paramref name="count"/> units.</summary>
    private void EnsureGap(int count)
    {
        if (_gapEnd - _gapStart >= count)
        {
            return;
        }
        var length = Length;
        var needed = (long)length + count;
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed + MinimumGap, needed + needed / 2));
        if (capacity < needed)
        {
            throw new OutOfMemoryException($"a document of {needed} units does not fit in one array");
        }
        var buffer = new char[capacity];
        var tail = _buffer.Length - _gapEnd;
        Array.Copy(_buffer, 0, buffer, 0, _gapStart);
        Array.Copy(_buffer, _gapEnd, buffer, capacity - tail, tail);
        _gapEnd = capacity - tail;
        _buffer = buffer;
    }
}
