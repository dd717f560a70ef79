using MudBlazor;

namespace CollabApp.Components.Layout;

/// <summary>The app's colours.</summary>
public static class CollabTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#00897b",
            AppbarBackground = "#3f51b5",
        },
    };
}
