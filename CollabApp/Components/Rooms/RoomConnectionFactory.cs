namespace CollabApp.Components.Rooms;

/// <summary>
/// Makes one <see cref="RoomConnection"/> per room page. Not resolved from the circuit's scope on
/// purpose: the page owns it and disposes it when it goes, so a circuit that visits many rooms keeps none
/// of the earlier ones alive (a transient from the scope would be held until the circuit ends).
/// </summary>
public sealed class RoomConnectionFactory(IServiceProvider services)
{
    public RoomConnection Create() => ActivatorUtilities.CreateInstance<RoomConnection>(services);
}
