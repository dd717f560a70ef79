namespace CollabApp.Hosting;

/// <summary>Security headers on every response.</summary>
public static class SecurityHeaders
{
    // Blazor Server needs 'unsafe-inline' styles (MudBlazor sets style attributes) and a WebSocket to itself;
    // scripts come only from this origin. No framing by other sites.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IApplicationBuilder UseCollabSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return next(context);
        });
}
