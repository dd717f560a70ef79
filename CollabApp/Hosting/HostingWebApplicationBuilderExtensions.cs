using CollabApp.Rooms;

namespace CollabApp.Hosting;

public static class HostingWebApplicationBuilderExtensions
{
    /// <summary>Instance identity, problem details, the default URL of the embedded mode.</summary>
    public static WebApplicationBuilder AddCollabHosting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollabOptions>().BindConfiguration(CollabOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.TrustedProxyNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "Collab:TrustedProxyNetworks must list CIDR networks such as 172.16.0.0/12.")
            .ValidateOnStart();
        builder.Services.AddSingleton<InstanceIdentity>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        builder.Services.AddSingleton<RoomCatalog>();
        builder.Services.AddSingleton<RoomActivity>();
        builder.Services.AddSingleton<RoomCreationThrottle>();
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"])
            && string.IsNullOrEmpty(builder.Configuration["HTTP_PORTS"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_HTTP_PORTS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5000");
        }
        return builder;
    }
}
