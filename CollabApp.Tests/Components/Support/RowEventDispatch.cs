using AngleSharp.Dom;
using Bunit;
using CollabApp.Components.Shared;

namespace CollabApp.Tests.Components.Support;

/// <summary>
/// What the browser does for a control in a kept-markup row (<c>wwwroot/js/shared/row-events.mjs</c>): the event bubbles
/// to the nearest element with the row handler, carrying the control's <c>data-action</c> and the row's <c>data-row</c>.
/// The browser side itself is tested with node and driven by the end-to-end tests.
/// </summary>
public static class RowEventDispatch
{
    /// <summary>Clicks the element: through its list's row handler when it is a row control, else directly.</summary>
    public static void Press(this IElement element)
    {
        if (element.HasAttribute("data-action"))
        {
            Raise(element, "onrowclick", isChecked: null);
        }
        else
        {
            element.Click();
        }
    }

    public static void ChangeRow(this IElement checkbox, bool isChecked) => Raise(checkbox, "onrowchange", isChecked);

    public static void DragStartRow(this IElement element) => Raise(element, "onrowdragstart", isChecked: null);

    public static void DropOnRow(this IElement element) => Raise(element, "onrowdrop", isChecked: null);

    private static void Raise(IElement target, string eventName, bool? isChecked)
    {
        var list = target;
        while (!list.HasAttribute($"blazor:{eventName}"))
        {
            list = list.ParentElement ?? throw new InvalidOperationException($"No element around {target.OuterHtml} handles {eventName}.");
        }
        list.TriggerEvent(eventName, new RowEventArgs
        {
            Action = target.Closest("[data-action]")?.GetAttribute("data-action"),
            Row = target.Closest("[data-row]")?.GetAttribute("data-row"),
            Checked = isChecked,
        });
    }
}
