namespace CollabApp.Protection;

/// <summary>The key per-address limits count by: the client IP as the forwarded-headers middleware left it.</summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
