using Microsoft.AspNetCore.SignalR;
namespace CollabApp.Hosting;

public static class RedisServiceCollectionExtensions
{
    /// <summary>The Redis implementations of the Core ports (the scaled mode).</summary>
    public static WebApplicationBuilder AddCollabRedis(this WebApplicationBuilder builder, string connectionString)
    {
        throw new NotSupportedException($"The scaled mode is not wired yet ({builder.Environment.ApplicationName}, {connectionString.Length}).");
    }

    /// <summary>The SignalR Redis backplane, for the public hub only.</summary>
    public static ISignalRServerBuilder AddCollabBackplane(this ISignalRServerBuilder signalR, string connectionString)
    {
        throw new NotSupportedException($"The scaled mode is not wired yet ({connectionString.Length}).");
    }
}
