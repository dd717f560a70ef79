namespace CollabApp.Core.Documents;

/// <summary>
/// One step of a <see cref="TextOperation"/>: a closed set of <see cref="Retain"/>, <see cref="Insert"/>
/// and <see cref="Delete"/>. Lengths count UTF-16 code units, as docs/protocol.md does.
/// </summary>
public abstract record OpComponent
{
    private protected OpComponent()
    {
    }
}

/// <summary>Keep the next <paramref name="Count"/> units of the document.</summary>
public sealed record Retain(int Count) : OpComponent;

/// <summary>Insert <paramref name="Text"/> at the current position.</summary>
public sealed record Insert(string Text) : OpComponent;

/// <summary>Remove the next <paramref name="Count"/> units of the document.</summary>
public sealed record Delete(int Count) : OpComponent;
