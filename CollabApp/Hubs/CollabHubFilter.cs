using CollabApp.Accounts;
using CollabApp.Core;
using CollabApp.Observability;
using CollabApp.Protection;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// Turns every refusal into the protocol's <c>code: message</c> HubException (docs/protocol.md), and nothing else: a
/// store that is down is <c>unavailable:</c> (the adapters say so with Core's error); an unexpected failure is logged here and the client learns only
/// that the call failed (no exception type, no stack trace). A refusal is the client's doing, so it is
/// counted and logged cheaply (<see cref="RefusalLog"/>), never as a failure of the server.
/// </summary>
public sealed partial class CollabHubFilter(
    HubCallLimiter limiter,
    UserConnectionCaps caps,
    Microsoft.Extensions.Options.IOptions<Hosting.LimitsOptions> limits,
    CollabMetrics metrics,
    RefusalLog refusals,
    ILogger<CollabHubFilter> logger) : IHubFilter
{
    /// <summary>
    /// SignalR's dispatcher logs every exception a hub method ends with at Error, stack trace included, and
    /// a refusal can only reach the client as a HubException. This filter logs what matters itself (refusals
    /// at Information, outages and unexpected failures with their exception), so that logger is silenced
    /// (see <see cref="RealtimeWebApplicationBuilderExtensions"/>); otherwise any client could fill the logs.
    /// </summary>
    public const string DispatcherLogCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var verdict = limiter.Check(invocationContext.Context.ConnectionId);
        if (verdict != CallVerdict.Allowed)
        {
            metrics.RateLimited("call");
            if (verdict == CallVerdict.Abusive)
            {
                invocationContext.Context.Abort();
            }
            throw Refuse(invocationContext, "rate-limited", verdict == CallVerdict.Abusive
                ? "too many calls for too long; the connection is closed."
                : "too many calls; pause briefly and retry.");
        }
        try
        {
            return await next(invocationContext);
        }
        catch (CollabError e) when (e.Code != CollabErrorCode.Unavailable)
        {
            throw Refuse(invocationContext, e.WireCode, e.Message);
        }
        catch (CollabError e)
        {
            // Unavailable is the server's trouble, not a refusal: logged as such (its messages are the server's own).
            LogUnavailable(logger, invocationContext.HubMethodName, e.Message);
            throw new HubException($"{e.WireCode}: {e.Message}");
        }
        catch (Exception e) when (e is not HubException and not OperationCanceledException)
        {
            LogUnexpected(logger, e, invocationContext.HubMethodName);
            throw new HubException("unavailable: the call failed on the server; try again.");
        }
    }

    private HubException Refuse(HubInvocationContext invocationContext, string code, string message)
    {
        metrics.Refused(code);
        var context = invocationContext.Context;
        refusals.Refused(invocationContext.HubMethodName, code, context.ConnectionId, context.UserIdentifier);
        return new HubException($"{code}: {message}");
    }

    /// <summary>
    /// Takes the connection's slot among its user's (<c>ConnectionsPerUser</c>, across instances). Negotiation already
    /// refused a user at the cap with 429 (<see cref="ConnectionCapMiddleware"/>); a connection that raced past that
    /// look is closed here without a hub error, which SignalR would log at Error with a stack trace for each one.
    /// </summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        var userId = connection.User?.ToCollabUser()?.UserId;
        if (userId is not null
            && !await caps.TryOpenAsync(UserConnectionCaps.HubConnections, userId, connection.ConnectionId, limits.Value.ConnectionsPerUser, connection.ConnectionAborted))
        {
            metrics.Refused("rate-limited");
            refusals.Refused("OnConnectedAsync", "rate-limited", connection.ConnectionId, userId);
            connection.Abort();
            return;
        }
        await next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        limiter.Forget(context.Context.ConnectionId);
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.User?.ToCollabUser()?.UserId is { } userId)
            {
                await caps.CloseAsync(UserConnectionCaps.HubConnections, userId, context.Context.ConnectionId);
            }
        }
    }

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Hub method {Method} answered unavailable: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Hub method {Method} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method);
}
