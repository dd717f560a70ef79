using CollabApp.Core.Presence;

namespace CollabApp.Presence;

/// <summary>
/// A join marks the user present first (so the snapshot it reads lists them), then subscribes and reads.
/// If any later step fails, the presence this join added is taken back (publishing <c>offline</c> if it
/// was the user's first connection in the room) and the original error goes on to the caller: a failed
/// join leaves no ghost behind until the TTL. Used by hub joins and room pages alike.
/// </summary>
public sealed partial class PresentJoins(PresenceService presence, ILogger<PresentJoins> logger)
{
    /// <param name="away">Whether the connection joins away (see <see cref="IPresenceStore.AddConnectionAsync"/>).</param>
    public Task RunAsync(string roomId, PresenceConnection connection, bool away, Func<Task> rest, CancellationToken cancellationToken) =>
        RunAsync(roomId, connection, away, async () =>
        {
            await rest();
            return true;
        }, cancellationToken);

    public async Task<T> RunAsync<T>(string roomId, PresenceConnection connection, bool away, Func<Task<T>> rest, CancellationToken cancellationToken)
    {
        // A repeated join (a hub client resuming in a room it is in) must not end the earlier join's presence.
        var wasPresent = presence.IsPresent(roomId, connection.ConnectionId);
        try
        {
            await presence.JoinAsync(roomId, connection, away, cancellationToken);
            return await rest();
        }
        catch when (!wasPresent)
        {
            await UndoAsync(roomId, connection);
            throw;
        }
    }

    // A failing undo must not replace the join's error. The connection has left this instance's set either
    // way, so nobody refreshes it and it expires within the TTL.
    private async Task UndoAsync(string roomId, PresenceConnection connection)
    {
        try
        {
            await presence.LeaveAsync(roomId, connection, CancellationToken.None);
        }
        catch (Exception e)
        {
            LogUndoFailed(logger, e, roomId);
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Warning, Message = "Taking back the presence of a failed join to room {RoomId} failed; it expires instead")]
    private static partial void LogUndoFailed(ILogger logger, Exception exception, string roomId);
}
