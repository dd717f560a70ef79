using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Hubs;

/// <summary>
/// The <see cref="CollabHub"/> connections open on this instance, by id. The room event pumps write pre-serialised
/// events straight to a connection (<see cref="HubConnectionContext.WriteAsync(SerializedHubMessage, CancellationToken)"/>),
/// and SignalR hands the connection object itself only to the lifetime manager (<see cref="TrackingHubLifetimeManager"/>).
/// </summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _open = new(StringComparer.Ordinal);

    public HubConnectionContext? Find(string connectionId) => _open.GetValueOrDefault(connectionId);

    internal void Opened(HubConnectionContext connection) => _open[connection.ConnectionId] = connection;

    internal void Closed(HubConnectionContext connection) =>
        _open.TryRemove(new KeyValuePair<string, HubConnectionContext>(connection.ConnectionId, connection));
}
