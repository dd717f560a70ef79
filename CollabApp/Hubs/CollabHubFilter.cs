using System.Data.Common;
using CollabApp.Core;
using CollabApp.Observability;
using CollabApp.Protection;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// Turns every refusal into the protocol's <c>code: message</c> HubException, and nothing else: a store
/// that is down is <c>unavailable:</c>; an unexpected failure is logged here and the client learns only
/// that the call failed (no exception type, no stack trace).
/// </summary>
public sealed partial class CollabHubFilter(HubCallLimiter limiter, CollabMetrics metrics, ILogger<CollabHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var verdict = limiter.Check(invocationContext.Context.ConnectionId);
        if (verdict != CallVerdict.Allowed)
        {
            metrics.RateLimited("call");
            if (verdict == CallVerdict.Abusive)
            {
                LogAbusive(logger, invocationContext.Context.ConnectionId);
                invocationContext.Context.Abort();
            }
            throw new HubException("rate-limited: too many calls; pause briefly and retry.");
        }
        try
        {
            return await next(invocationContext);
        }
        catch (CollabError e)
        {
            throw new HubException($"{e.WireCode}: {e.Message}");
        }
        catch (Exception e) when (IsStoreOutage(e))
        {
            LogStoreOutage(logger, e, invocationContext.HubMethodName);
            throw new HubException("unavailable: a backing store is unreachable; nothing was changed, try again.");
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogUnexpected(logger, e, invocationContext.HubMethodName);
            throw new HubException("unavailable: the call failed on the server; try again.");
        }
    }

    internal static bool IsStoreOutage(Exception e) => e switch
    {
        StackExchange.Redis.RedisConnectionException or StackExchange.Redis.RedisTimeoutException => true,
        DbException or Microsoft.EntityFrameworkCore.DbUpdateException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsStoreOutage(inner),
        _ => false,
    };

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        limiter.Forget(context.Context.ConnectionId);
        return next(context, exception);
    }

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Connection {ConnectionId} called far over its limit for 10 s; closing it")]
    private static partial void LogAbusive(ILogger logger, string connectionId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Hub method {Method} failed: a backing store is unreachable")]
    private static partial void LogStoreOutage(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Hub method {Method} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
