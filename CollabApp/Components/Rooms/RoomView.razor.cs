namespace CollabApp.Components.Rooms;

// Source-generated log messages cannot live in the .razor file: the logging generator does not see Razor's output.
public partial class RoomView
{
    [LoggerMessage(EventId = 7201, Level = LogLevel.Error, Message = "Joining room {RoomId} failed")]
    private static partial void LogJoinFailed(ILogger logger, Exception exception, string roomId);
}
