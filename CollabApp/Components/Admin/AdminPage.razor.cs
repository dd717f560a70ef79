namespace CollabApp.Components.Admin;

// Source-generated log messages cannot live in the .razor file: the logging generator does not see Razor's output.
public partial class AdminPage
{
    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Reading the instances' figures failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
