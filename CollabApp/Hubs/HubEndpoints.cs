namespace CollabApp.Hubs;

public static class HubEndpoints
{
    /// <summary>Maps the public hub with its transport settings.</summary>
    public static IEndpointRouteBuilder MapCollabHub(this IEndpointRouteBuilder app)
    {
        app.MapHub<CollabHub>(AppRoutes.Hubs.Collab, options =>
        {
            options.AllowStatefulReconnects = true;
            // Bytes buffered per connection in each direction before SignalR applies back-pressure: a client
            // that stops reading stalls its own sends, fills its bounded subscriber queue and is then resynced
            // (aborted and told to resume), instead of growing server memory.
            options.TransportMaxBufferSize = 64 * 1024;
            options.ApplicationMaxBufferSize = 64 * 1024;
        });
        return app;
    }
}
