namespace CollabApp.Components.Rooms;

// Source-generated log messages cannot live in the .razor file: the logging generator does not see Razor's output.
public partial class RoomsPage
{
    [LoggerMessage(EventId = 7211, Level = LogLevel.Warning, Message = "Listing the rooms failed")]
    private static partial void LogListFailed(ILogger logger, Exception exception);
}
