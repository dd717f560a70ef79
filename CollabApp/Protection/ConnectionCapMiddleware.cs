using CollabApp.Accounts;
using CollabApp.Hosting;
using CollabApp.Observability;
using Microsoft.Extensions.Options;

namespace CollabApp.Protection;

/// <summary>
/// Refuses a signed-in user's new hub connection or circuit with 429 while they already hold as many as allowed
/// (<c>ConnectionsPerUser</c>, <c>CircuitsPerUser</c>), before SignalR does any work. The slot itself is taken when
/// the connection opens (<see cref="CollabApp.Hubs.CollabHubFilter"/>, <see cref="CircuitCapHandler"/>): this look
/// is what well-behaved and most abusive clients meet, cheaply and with a reason.
/// </summary>
public sealed class ConnectionCapMiddleware(RequestDelegate next, UserConnectionCaps caps, IOptions<LimitsOptions> limits, CollabMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var kind = NewConnectionRequest.Classify(context.Request);
        if (kind != NewConnectionKind.None && context.User.ToCollabUser() is { } user)
        {
            var (set, limit) = kind == NewConnectionKind.Hub
                ? (UserConnectionCaps.HubConnections, limits.Value.ConnectionsPerUser)
                : (UserConnectionCaps.Circuits, limits.Value.CircuitsPerUser);
            if (await caps.IsFullAsync(set, user.UserId, limit, context.RequestAborted))
            {
                metrics.RateLimited(kind == NewConnectionKind.Hub ? "user-connections" : "user-circuits");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                // With a body, so the status-code pages leave the answer alone (on /_blazor they would show "not found").
                await context.Response.WriteAsync("rate-limited: too many open connections for this user; close some and retry.", context.RequestAborted);
                return;
            }
        }
        await next(context);
    }
}
