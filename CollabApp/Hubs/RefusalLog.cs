using CollabApp.Core.Protection;

namespace CollabApp.Hubs;

/// <summary>
/// Logs refused hub calls so that refusing stays cheap even when a client provokes refusals on purpose:
/// one Information line per refusal, no exception or stack trace, no client-supplied text (the code and
/// method say what happened), and at most <see cref="Budget"/> lines across the instance; the lines left
/// out are counted in the next one written. The metrics count every refusal.
/// </summary>
public sealed partial class RefusalLog(TimeProvider time, ILogger<RefusalLog> logger)
{
    /// <summary>A burst of 10 lines, then one a second.</summary>
    public static readonly TokenBucket Budget = new(TokensPerSecond: 1, Capacity: 10);

    // A private bucket store: the shared one is swept and keyed by connection, this is one instance-wide key.
    private readonly InMemoryRateLimiter _lines = new(time);
    private long _omitted;

    public void Refused(string method, string code, string connectionId, string? userId)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        if (!_lines.TryAcquire("lines", Budget))
        {
            Interlocked.Increment(ref _omitted);
            return;
        }
        LogRefused(logger, method, code, userId ?? "-", connectionId, Interlocked.Exchange(ref _omitted, 0));
    }

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information,
        Message = "Hub method {Method} refused ({Code}) for user {UserId} on connection {ConnectionId}; {Omitted} earlier refusals not logged")]
    private static partial void LogRefused(ILogger logger, string method, string code, string userId, string connectionId, long omitted);
}
