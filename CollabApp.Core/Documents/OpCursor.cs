namespace CollabApp.Core.Documents;

/// <summary>
/// Walks an operation's components and lets the algebra consume part of the current one, so that
/// transform and compose can split components without allocating the remainders.
/// </summary>
internal struct OpCursor(TextOperation operation)
{
    private readonly IReadOnlyList<OpComponent> _components = operation.Components;
    private int _index;
    private int _offset;

    /// <summary>The current component, or null past the end.</summary>
    public readonly OpComponent? Current => _index < _components.Count ? _components[_index] : null;

    /// <summary>The units of the current component not consumed yet.</summary>
    public readonly int Remaining => Current switch
    {
        Retain r => r.Count - _offset,
        Delete d => d.Count - _offset,
        Insert i => i.Text.Length - _offset,
        _ => 0,
    };

    /// <summary>The next <paramref name="count"/> units of the current insert.</summary>
    public readonly string PeekText(int count)
    {
        var text = ((Insert)Current!).Text;
        return _offset == 0 && count == text.Length ? text : text.Substring(_offset, count);
    }

    /// <summary>Consumes <paramref name="count"/> units, moving on when the component is used up.</summary>
    public void Advance(int count)
    {
        _offset += count;
        if (Remaining == 0)
        {
            _index++;
            _offset = 0;
        }
    }
}
