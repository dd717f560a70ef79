using Microsoft.Extensions.DependencyInjection.Extensions;
using CollabApp.Components.Rooms;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CollabApp.Hosting;

public static class RoomUiServiceCollectionExtensions
{
    /// <summary>
    /// Room page services: each page makes its own <see cref="RoomConnection"/> (and disposes it), and one
    /// <see cref="CircuitConnectionEvents"/> per circuit tells the pages when the browser reconnected.
    /// </summary>
    public static IServiceCollection AddCollabRoomUi(this IServiceCollection services)
    {
        services.AddSingleton<RoomConnectionFactory>();
        services.AddScoped<CircuitConnectionEvents>();
        services.AddScoped<Protection.CircuitActionLimiter>();
        services.TryAddSingleton<Protection.HubCallLimiter>();
        services.AddSingleton<Accounts.DisplayNames>();
        services.AddSingleton<Components.Shared.SharedMarkup>();
        services.TryAddSingleton<Accounts.IDisplayNameSource, Accounts.EfDisplayNameSource>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnectionEvents>());
        services.AddScoped<CircuitHandler, Protection.CircuitCapHandler>();
        return services;
    }
}
