namespace CollabApp.Components.Rooms;

public sealed partial class RoomConnection
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Circuit fell behind in room {RoomId}; resynchronising")]
    private static partial void LogResync(ILogger logger, string roomId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Rejoining room {RoomId} failed; retrying")]
    private static partial void LogRejoinFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "A room panel failed to handle an event in room {RoomId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string? roomId);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Leaving room {RoomId} failed")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Joining room {RoomId} failed for now (a store is unreachable); retrying")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Reading the events of room {RoomId} failed; rejoining")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string roomId);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "The event pump of room {RoomId} did not stop in time")]
    private static partial void LogSlowStop(ILogger logger, string? roomId);
}
