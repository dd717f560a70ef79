using System.Collections.Frozen;

namespace CollabApp.Core.Events;

/// <summary>
/// The event types the features registered: what <see cref="RoomEventJson"/> reads an event's data back as, by the
/// type's wire name. One name belongs to one feature, so a second registration of a name is refused at start-up.
/// </summary>
public sealed class RoomEventCatalog
{
    private readonly FrozenDictionary<string, Type> _dataTypes;

    public RoomEventCatalog(IEnumerable<RoomEventType> types)
    {
        var byName = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (!byName.TryAdd(type.Name, type.DataType))
            {
                throw new ArgumentException($"the event type '{type.Name}' is registered twice", nameof(types));
            }
        }
        _dataTypes = byName.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The record an event of type <paramref name="name"/> carries, or null for a name no feature registered.</summary>
    public Type? DataType(string name) => _dataTypes.GetValueOrDefault(name);
}
