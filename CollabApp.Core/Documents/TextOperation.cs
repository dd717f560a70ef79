using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace CollabApp.Core.Documents;

/// <summary>
/// An edit of a text over UTF-16 code units: a sequence of retains, inserts and deletes that walks the
/// whole base document once. Instances are immutable and always normalised (adjacent components of the
/// same kind merged, empty ones dropped, an insert next to a delete placed before it), so two operations
/// with the same effect are equal values. Inserted text never holds an unpaired surrogate.
/// Build one with <see cref="Builder"/> or <see cref="Parse"/>; serialises as the JSON array of docs/protocol.md.
/// </summary>
[JsonConverter(typeof(TextOperationJsonConverter))]
public sealed partial class TextOperation : IEquatable<TextOperation>
{
    private readonly OpComponent[] _components;

    private TextOperation(OpComponent[] components, int baseLength, int targetLength)
    {
        _components = components;
        Components = new ReadOnlyCollection<OpComponent>(components);
        BaseLength = baseLength;
        TargetLength = targetLength;
    }

    /// <summary>The empty operation: it applies to the empty document only.</summary>
    public static TextOperation Empty { get; } = new([], 0, 0);

    /// <summary>The normalised components, in document order.</summary>
    public IReadOnlyList<OpComponent> Components { get; }

    /// <summary>The length of the document this operation applies to (retained plus deleted units).</summary>
    public int BaseLength { get; }

    /// <summary>The length of the document after applying it (retained plus inserted units).</summary>
    public int TargetLength { get; }

    /// <summary>True if the operation changes nothing (no component, or one retain).</summary>
    public bool IsRetainOnly => _components.All(c => c is Retain);

    /// <summary>The JSON form of docs/protocol.md, e.g. <c>[5,"abc",-3]</c>.</summary>
    public string ToJson() => TextOperationJsonConverter.ToJson(this);

    /// <inheritdoc cref="ToJson"/>
    public override string ToString() => ToJson();

    public bool Equals(TextOperation? other) =>
        other is not null && (ReferenceEquals(this, other) || _components.AsSpan().SequenceEqual(other._components));

    public override bool Equals(object? obj) => Equals(obj as TextOperation);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var component in _components)
        {
            hash.Add(component);
        }
        return hash.ToHashCode();
    }

    public static bool operator ==(TextOperation? left, TextOperation? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(TextOperation? left, TextOperation? right) => !(left == right);
}
