namespace CollabApp.Components.Shared;

/// <summary>
/// The classes MudButton gives the buttons the room page always shows, for plain <c>&lt;button&gt;</c> elements (issue 13:
/// each MudButton is a component in every open circuit, with its render buffers and parameter state, and these only style).
/// </summary>
public static class ButtonClasses
{
    public const string FilledPrimary = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-ripple";

    public const string SmallText = "mud-button-root mud-button mud-button-text mud-button-text-default mud-button-text-size-small mud-ripple";

    public const string SmallTextError = "mud-button-root mud-button mud-button-text mud-button-text-error mud-button-text-size-small mud-ripple";

    public const string SmallOutlined = "mud-button-root mud-button mud-button-outlined mud-button-outlined-default mud-button-outlined-size-small mud-ripple";

    /// <summary>Where MudButton puts a small button's start icon.</summary>
    public const string SmallStartIcon = "mud-button-icon-start mud-button-icon-size-small";
}
