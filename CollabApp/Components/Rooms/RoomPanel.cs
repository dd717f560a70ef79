using CollabApp.Core.Rooms;
using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Rooms;

/// <summary>What every panel of the room page is given: the page's live connection, the room and the user.</summary>
public abstract class RoomPanel : ComponentBase
{
    [Parameter, EditorRequired]
    public required RoomConnection Connection { get; set; }

    [Parameter, EditorRequired]
    public required RoomInfo Room { get; set; }

    [Parameter, EditorRequired]
    public required CollabUser User { get; set; }
}
