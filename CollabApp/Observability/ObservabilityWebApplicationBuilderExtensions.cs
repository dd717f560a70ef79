using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CollabApp.Observability;

public static class ObservabilityWebApplicationBuilderExtensions
{
    /// <summary>
    /// Metrics: ASP.NET Core's, Kestrel's, SignalR's, Blazor's and the runtime's built-in meters plus
    /// <c>collab.*</c>, exported at <c>/metrics</c> in Prometheus text format.
    /// </summary>
    public static WebApplicationBuilder AddCollabObservability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CollabMetrics>();
        builder.Services.AddHostedService<InstanceStatsReporter>();
        builder.Services.AddSingleton<AdminAccess>();
        // The scaled mode replaces this with the Redis store (RedisWebApplicationBuilderExtensions).
        builder.Services.TryAddSingleton<IInstanceStatsStore, InMemoryInstanceStatsStore>();
        builder.Services.AddScoped<CircuitHandler, CircuitCounter>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("CollabApp"))
            .WithMetrics(metrics => metrics
                .AddMeter(
                    CollabMetrics.MeterName,
                    "Microsoft.AspNetCore.Hosting",
                    "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Http.Connections",
                    "Microsoft.AspNetCore.SignalR",
                    "Microsoft.AspNetCore.Components",
                    "Microsoft.AspNetCore.Components.Server.Circuits",
                    "Microsoft.AspNetCore.RateLimiting",
                    "System.Runtime")
                .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapCollabMetrics(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint(AppRoutes.Operations.Metrics);
        return app;
    }
}
