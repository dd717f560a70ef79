using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Shared;

/// <summary>
/// One handler on a list instead of one per control per row (issue 13). A row's buttons and checkbox are part of its
/// kept markup, with no handler of their own; the browser's event bubbles to the list, whose handler receives the row
/// and the control (<see cref="RowEventArgs"/>). Ten to-dos held eighty handlers and about six hundred render-tree frames
/// in every circuit's two render trees; now the list holds five handlers and each row a few frames. The browser side
/// registers the same names (<c>wwwroot/js/shared/row-events.mjs</c>, started from <c>CollabApp.lib.module.js</c>).
/// The Razor compiler finds <see cref="EventHandlerAttribute"/> only on a class named exactly <c>EventHandlers</c>
/// (dotnet/aspnetcore#56458); under another name the <c>@onrow…</c> attributes would be written out as plain text.
/// </summary>
[EventHandler("onrowclick", typeof(RowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onrowchange", typeof(RowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onrowdragstart", typeof(RowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onrowdragend", typeof(RowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onrowdrop", typeof(RowEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}
