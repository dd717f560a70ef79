using CollabApp.Core;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The one place that decides what "Redis is down" means (<see cref="IsOutage"/>), and runs a Redis call turning
/// that into the protocol's <c>unavailable:</c> (docs/protocol.md), with a message of our own: the library's messages
/// name endpoints and internals, which clients never see. A call that failed this way changed nothing that the caller
/// was promised (a script is all or nothing). Nothing above the adapters knows StackExchange.Redis's exceptions.
/// </summary>
internal static class RedisCalls
{
    public static async Task<T> GuardAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception error) when (IsOutage(error))
        {
            throw Unavailable();
        }
    }

    public static async Task GuardAsync(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception error) when (IsOutage(error))
        {
            throw Unavailable();
        }
    }

    /// <summary>Redis cannot be reached, timed out, or is up but cannot serve yet; anything else is a bug, not an outage.</summary>
    public static bool IsOutage(Exception error) =>
        error is RedisConnectionException or RedisTimeoutException
        || (error is RedisServerException server && IsTransientServerState(server.Message));

    private static CollabError Unavailable() => CollabError.Unavailable("the real-time store is unavailable; try again.");

    // The server is up but cannot serve yet: loading its data set, a replica without a primary, a busy script.
    private static bool IsTransientServerState(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal)
        || message.StartsWith("MASTERDOWN", StringComparison.Ordinal)
        || message.StartsWith("READONLY", StringComparison.Ordinal)
        || message.StartsWith("BUSY", StringComparison.Ordinal)
        || message.StartsWith("TRYAGAIN", StringComparison.Ordinal)
        || message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal);
}
