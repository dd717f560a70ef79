using CollabApp.Core.Protection;
using CollabApp.Hosting;
using CollabApp.Observability;
using Microsoft.Extensions.Options;

namespace CollabApp.Protection;

/// <summary>
/// New real-time connections per client IP, counted across all instances: hub connections (docs/protocol.md,
/// <c>ConnectionsPerMinute</c>) and Blazor circuits (<c>CircuitsPerMinute</c>). Whatever starts a connection is
/// counted, however the request is spelled (<see cref="NewConnectionRequest"/>). Over the limit: 429 with
/// Retry-After, before authentication or any SignalR work. The client IP comes from the connection (or
/// X-Forwarded-For when the forwarded-headers middleware trusts the proxy).
/// </summary>
public sealed class ConnectionRateLimitMiddleware(RequestDelegate next, IRateLimiter limiter, IOptions<LimitsOptions> limits, CollabMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var kind = NewConnectionRequest.Classify(context.Request);
        if (kind != NewConnectionKind.None)
        {
            var (bucketName, perMinute) = kind == NewConnectionKind.Hub
                ? ("connect:", limits.Value.ConnectionsPerMinute)
                : ("circuit:", limits.Value.CircuitsPerMinute);
            var ip = ClientAddress.Of(context);
            if (!await limiter.TryAcquireAsync(bucketName + ip, new TokenBucket(perMinute / 60.0, perMinute), context.RequestAborted))
            {
                metrics.RateLimited(kind == NewConnectionKind.Hub ? "connection" : "circuit");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                // With a body, so the status-code pages leave the answer alone (on /_blazor they would show "not found").
                await context.Response.WriteAsync("rate-limited: too many new connections from this address; retry later.", context.RequestAborted);
                return;
            }
        }
        await next(context);
    }
}
