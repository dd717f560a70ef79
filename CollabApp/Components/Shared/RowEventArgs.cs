namespace CollabApp.Components.Shared;

/// <summary>
/// A click, change or drag inside a list whose rows are kept markup (<see cref="EventHandlers"/>): which row, and which of
/// its controls. The browser reads both from the page (<c>data-row</c> on the row, <c>data-action</c> on the control;
/// <c>wwwroot/js/shared/row-events.mjs</c>), so they are whatever the client says: the component looks the row up
/// among the ones it shows and ignores an event it cannot match.
/// </summary>
public sealed class RowEventArgs : EventArgs
{
    /// <summary>The <c>data-action</c> of the control the event came from; null when it came from no control.</summary>
    public string? Action { get; set; }

    /// <summary>The <c>data-row</c> of the row the event came from; null when it came from outside any row.</summary>
    public string? Row { get; set; }

    /// <summary>For a checkbox's change, whether it is now checked.</summary>
    public bool? Checked { get; set; }
}
