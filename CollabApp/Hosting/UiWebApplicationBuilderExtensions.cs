using MudBlazor.Services;

namespace CollabApp.Hosting;

public static class UiWebApplicationBuilderExtensions
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
}
