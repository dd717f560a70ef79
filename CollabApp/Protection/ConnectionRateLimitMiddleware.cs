using CollabApp.Core.Protection;
using CollabApp.Hosting;
using CollabApp.Observability;
using Microsoft.Extensions.Options;

namespace CollabApp.Protection;

/// <summary>
/// New hub connections per client IP (PROTOCOL.md: 100 a minute across all instances): counted at
/// negotiate, and at a WebSocket connect that skipped negotiation. Over the limit: 429 with Retry-After.
/// The client IP comes from the connection (or X-Forwarded-For when the forwarded-headers middleware trusts the proxy).
/// </summary>
public sealed class ConnectionRateLimitMiddleware(RequestDelegate next, IRateLimiter limiter, IOptions<LimitsOptions> limits, CollabMetrics metrics)
{
    public const string HubPath = "/hubs/collab";

    public async Task InvokeAsync(HttpContext context)
    {
        if (IsNewConnection(context.Request))
        {
            var perMinute = limits.Value.ConnectionsPerMinute;
            var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (!await limiter.TryAcquireAsync("connect:" + ip, new TokenBucket(perMinute / 60.0, perMinute), context.RequestAborted))
            {
                metrics.RateLimited("connection");
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "60";
                return;
            }
        }
        await next(context);
    }

    private static bool IsNewConnection(HttpRequest request) =>
        request.Path.StartsWithSegments(HubPath, out var rest)
        && ((rest == "/negotiate" && HttpMethods.IsPost(request.Method))
            || (rest == "" && HttpMethods.IsGet(request.Method) && !request.Query.ContainsKey("id")));
}
