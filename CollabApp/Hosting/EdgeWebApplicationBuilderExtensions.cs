using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CollabApp.Hosting;

public static class EdgeWebApplicationBuilderExtensions
{
    public const string CorsPolicy = "collab-origins";

    /// <summary>
    /// What the app sees of the edge: forwarded headers from a proxy on this machine (nginx on loopback is
    /// trusted by default) or on the networks in <c>Collab:TrustedProxyNetworks</c>, so per-IP limits count real
    /// clients and cookies know the scheme; and CORS for the origins listed in <c>Collab:AllowedOrigins</c> only
    /// (none by default, never a wildcard).
    /// </summary>
    public static WebApplicationBuilder AddCollabEdge(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<CollabOptions>>((options, collab) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;
            foreach (var network in collab.Value.TrustedProxyNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddCors();
        builder.Services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CollabOptions>>((cors, collab) => cors.AddPolicy(CorsPolicy, policy =>
            {
                var origins = collab.Value.AllowedOrigins.Where(o => o != "*").ToArray();
                policy.WithOrigins(origins).AllowAnyHeader().WithMethods("GET", "POST").AllowCredentials();
            }));
        return builder;
    }
}
