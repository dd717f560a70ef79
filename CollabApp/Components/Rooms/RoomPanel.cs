using CollabApp.Core.Rooms;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

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

    /// <summary>
    /// Disposes a panel's browser module and the object it attached, calling its <c>dispose()</c> first. A
    /// browser already gone (the circuit ended with the tab) has nothing left to release.
    /// </summary>
    protected static async Task ReleaseModuleAsync(IJSObjectReference? attached, IJSObjectReference? module)
    {
        try
        {
            if (attached is not null)
            {
                await attached.InvokeVoidAsync("dispose");
                await attached.DisposeAsync();
            }
            if (module is not null)
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
