namespace CollabApp.Components.Rooms;

// Source-generated log messages cannot live in the .razor file: the logging generator does not see Razor's output.
public partial class RoomPage
{
    [LoggerMessage(EventId = 7212, Level = LogLevel.Warning, Message = "Opening room {RoomId} failed")]
    private static partial void LogOpenFailed(ILogger logger, Exception exception, string roomId);
}
