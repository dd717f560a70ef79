using System.Data.Common;
using CollabApp.Core;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// Turns every refusal into the protocol's <c>code: message</c> HubException, and nothing else: a store
/// that is down is <c>unavailable:</c>; an unexpected failure is logged here and the client learns only
/// that the call failed (no exception type, no stack trace).
/// </summary>
public sealed partial class CollabHubFilter(ILogger<CollabHubFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
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

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Hub method {Method} failed: a backing store is unreachable")]
    private static partial void LogStoreOutage(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Hub method {Method} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
