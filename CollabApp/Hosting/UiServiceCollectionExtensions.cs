using Microsoft.Extensions.DependencyInjection.Extensions;
using CollabApp.Components.Rooms;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;

namespace CollabApp.Hosting;

public static class UiServiceCollectionExtensions
{
    /// <summary>The Blazor Server UI with MudBlazor, and the room pages' per-circuit plumbing.</summary>
    public static WebApplicationBuilder AddCollabUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents(options =>
            {
                // A circuit whose browser is gone is kept this long for a reconnect, then its
                // subscriptions are released; kept small so dead tabs do not pile up.
                options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(1);
                options.DisconnectedCircuitMaxRetained = 200;
                options.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
            })
            .AddHubOptions(options =>
            {
                options.MaximumReceiveMessageSize = 256 * 1024;
            });
        builder.Services.AddMudServices();
        builder.Services.AddCollabRoomUi();
        return builder;
    }

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
        services.TryAddSingleton<Accounts.IDisplayNameSource, Accounts.EfDisplayNameSource>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitConnectionEvents>());
        services.AddScoped<CircuitHandler, Protection.CircuitCapHandler>();
        return services;
    }
}
