using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CollabApp.Core.Events;

/// <summary>
/// A durable event's position in its room's total order, written <c>"&lt;ms&gt;-&lt;seq&gt;"</c> (the form of
/// Redis stream ids, used by the embedded mode too). Ordered by <see cref="Ms"/>, then <see cref="Seq"/>.
/// </summary>
public readonly record struct EventId(long Ms, long Seq) : IComparable<EventId>
{
    public int CompareTo(EventId other) => Ms != other.Ms ? Ms.CompareTo(other.Ms) : Seq.CompareTo(other.Seq);

    /// <summary>The smallest id greater than <paramref name="previous"/> at wall-clock time <paramref name="nowMs"/>.</summary>
    public static EventId Next(EventId? previous, long nowMs)
    {
        if (previous is not { } last || nowMs > last.Ms)
        {
            return new EventId(nowMs, 0);
        }
        return new EventId(last.Ms, last.Seq + 1);
    }

    public static bool TryParse([NotNullWhen(true)] string? text, out EventId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > 41)
        {
            return false;
        }
        var dash = text.IndexOf('-');
        if (dash <= 0 || dash == text.Length - 1)
        {
            return false;
        }
        const NumberStyles digitsOnly = NumberStyles.None;
        if (!long.TryParse(text.AsSpan(0, dash), digitsOnly, CultureInfo.InvariantCulture, out var ms)
            || !long.TryParse(text.AsSpan(dash + 1), digitsOnly, CultureInfo.InvariantCulture, out var seq))
        {
            return false;
        }
        id = new EventId(ms, seq);
        return true;
    }

    public static bool operator <(EventId left, EventId right) => left.CompareTo(right) < 0;
    public static bool operator >(EventId left, EventId right) => left.CompareTo(right) > 0;
    public static bool operator <=(EventId left, EventId right) => left.CompareTo(right) <= 0;
    public static bool operator >=(EventId left, EventId right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Ms}-{Seq}");
}
