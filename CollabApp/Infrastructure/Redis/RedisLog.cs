using Microsoft.Extensions.Logging;

namespace CollabApp.Infrastructure.Redis;

/// <summary>The Redis adapters' hot-path log messages.</summary>
internal static partial class RedisLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Error, Message = "A handler of room '{RoomId}' failed on a {Type} event")]
    public static partial void HandlerFailed(ILogger logger, string roomId, string type, Exception error);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Dropped an unreadable message on the channel of room '{RoomId}'")]
    public static partial void UnreadableMessage(ILogger logger, string roomId, Exception error);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Unsubscribing from room '{RoomId}' failed")]
    public static partial void UnsubscribeFailed(ILogger logger, string roomId, Exception error);
}
