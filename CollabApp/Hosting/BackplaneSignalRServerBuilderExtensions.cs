using CollabApp.Hubs;
using CollabApp.Infrastructure.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CollabApp.Hosting;

public static class BackplaneSignalRServerBuilderExtensions
{
    /// <summary>
    /// The SignalR Redis backplane for the public hub ONLY. <c>AddStackExchangeRedis()</c> would replace the
    /// lifetime manager of every hub, Blazor's circuit hub included, so a Redis outage would break every
    /// browser (dotnet/aspnetcore#58971, #21539); the closed registration leaves circuits on the default one.
    /// Room events do not travel through it (see <see cref="HubRoomSubscriptions"/>); it serves SignalR's
    /// own cross-instance sends (groups, users, connections on other instances).
    /// </summary>
    public static ISignalRServerBuilder AddCollabBackplane(this ISignalRServerBuilder signalR, string connectionString)
    {
        signalR.Services.AddOptions<RedisOptions>()
            .Configure<IOptions<RedisSettings>>((options, settings) =>
            {
                options.Configuration = RedisWebApplicationBuilderExtensions.Configure(connectionString);
                options.Configuration.ChannelPrefix = RedisChannel.Literal(settings.Value.Prefix + ":signalr");
            });
        signalR.Services.AddKeyedSingleton<HubLifetimeManager<CollabHub>, RedisHubLifetimeManager<CollabHub>>(TrackingHubLifetimeManager.InnerKey);
        return signalR;
    }
}
