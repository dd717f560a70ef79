namespace CollabApp.Protection;

public enum NewConnectionKind { None, Hub, Circuit }

/// <summary>
/// Whether a request opens a new SignalR connection, on the public hub or Blazor's circuit hub. Every spelling the
/// server routes counts: any case, trailing or doubled slashes, negotiate by any method, and a transport request
/// without a usable connection id (absent, empty, blank or repeated: SignalR then starts a new connection or
/// refuses). Only a request naming exactly one existing-looking id belongs to an open connection (its long-polling
/// or server-sent-event traffic, or a negotiated WebSocket).
/// </summary>
public static class NewConnectionRequest
{
    public static NewConnectionKind Classify(HttpRequest request)
    {
        var path = Normalise(request.Path.Value);
        var kind = KindOf(path, out var rest);
        if (kind == NewConnectionKind.None || HttpMethods.IsOptions(request.Method))
        {
            return NewConnectionKind.None;
        }
        if (rest.Equals("/negotiate", StringComparison.OrdinalIgnoreCase))
        {
            return kind;
        }
        return rest.Length == 0 && !NamesOneConnection(request) ? kind : NewConnectionKind.None;
    }

    private static NewConnectionKind KindOf(string path, out string rest)
    {
        foreach (var (prefix, kind) in new[] { (AppRoutes.Hubs.Collab, NewConnectionKind.Hub), (AppRoutes.Circuit, NewConnectionKind.Circuit) })
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (path.Length == prefix.Length || path[prefix.Length] == '/'))
            {
                rest = path[prefix.Length..];
                return kind;
            }
        }
        rest = "";
        return NewConnectionKind.None;
    }

    // "/hubs//collab/" and "/hubs/collab" must not be two paths to one endpoint with only one of them counted.
    internal static string Normalise(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 ? "" : "/" + string.Join('/', segments);
    }

    private static bool NamesOneConnection(HttpRequest request) =>
        request.Query.TryGetValue("id", out var ids) && ids.Count == 1 && !string.IsNullOrWhiteSpace(ids[0]);
}
