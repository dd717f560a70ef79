using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace CollabApp.Components.Shared;

/// <summary>
/// A MudBlazor icon (its SVG path constant, <c>Icons.Material.*</c>) as the SVG MudIconButton or MudCheckBox would draw,
/// for plain <c>&lt;button class="mud-icon-button"&gt;</c> rows and checkboxes (issue 13: a MudIconButton is two
/// components per button in every circuit). The markup comes only from the icon constants, never from user input, and each icon's string
/// is built once and shared.
/// </summary>
public static class Glyphs
{
    /// <summary>The classes MudIconButton gives a small icon button.</summary>
    public const string SmallIconButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-icon-button-size-small";

    private static readonly ConcurrentDictionary<string, MarkupString> Small = new(StringComparer.Ordinal);

    private static readonly ConcurrentDictionary<string, MarkupString> Medium = new(StringComparer.Ordinal);

    public static MarkupString SmallIcon(string icon) => Small.GetOrAdd(icon, static path => new MarkupString(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-small\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{path}</svg>"));

    public static MarkupString Icon(string icon) => Medium.GetOrAdd(icon, static path => new MarkupString(
        $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{path}</svg>"));
}
