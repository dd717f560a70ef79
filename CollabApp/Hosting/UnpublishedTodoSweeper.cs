using CollabApp.Core.Todos;

namespace CollabApp.Hosting;

/// <summary>
/// Publishes the to-do changes saved in the database whose events never reached the room's log: the writer lost
/// Redis between the two steps, or died there. Every instance sweeps once a second, so a dead instance's leftovers
/// are picked up; appends are idempotent, so two sweepers publishing one change is harmless.
/// </summary>
public sealed partial class UnpublishedTodoSweeper(
    TodoService todos,
    TimeProvider time,
    ILogger<UnpublishedTodoSweeper> logger) : RepairSweeper(time)
{
    /// <summary>Younger changes are left to their writer (its append takes milliseconds).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        var published = await todos.PublishUnpublishedAsync(Time.GetUtcNow() - Grace, cancellationToken);
        if (published > 0)
        {
            LogPublished(logger, published);
        }
    }

    protected override void LogFailing(string reason) => LogSweepFailed(logger, reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Published {Count} to-do changes that their writer had saved but not published")]
    private static partial void LogPublished(ILogger logger, int count);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Warning, Message = "Publishing unpublished to-do changes failed ({Reason}); retrying every second")]
    private static partial void LogSweepFailed(ILogger logger, string reason);
}
