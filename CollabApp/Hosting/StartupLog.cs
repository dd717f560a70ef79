namespace CollabApp.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Instance {InstanceId} started in the {Mode} mode")]
    public static partial void Started(ILogger logger, string instanceId, string mode);
}
