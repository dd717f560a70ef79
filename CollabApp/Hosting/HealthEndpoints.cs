using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Hosting;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (its database and Redis answer).</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapCollabHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(AppRoutes.Operations.Health, (InstanceIdentity instance) => Results.Ok(new { status = "ok", instance = instance.Id }));
        app.MapGet(AppRoutes.Operations.Ready, async (IServiceProvider services, InstanceIdentity instance, CancellationToken cancellationToken) =>
        {
            var checks = new Dictionary<string, string>
            {
                ["database"] = await CheckDatabaseAsync(services, cancellationToken) ? "ok" : "failed",
            };
            if (services.GetService<StackExchange.Redis.IConnectionMultiplexer>() is { } redis)
            {
                checks["redis"] = await CheckRedisAsync(redis) ? "ok" : "failed";
            }
            var ready = checks.Values.All(v => v == "ok");
            return Results.Json(
                new { status = ready ? "ready" : "unavailable", instance = instance.Id, checks },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    private static async Task<bool> CheckDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var db = await services.GetRequiredService<IDbContextFactory<CollabDbContext>>().CreateDbContextAsync(timeout.Token);
            return await db.Database.CanConnectAsync(timeout.Token);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    private static async Task<bool> CheckRedisAsync(StackExchange.Redis.IConnectionMultiplexer redis)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(3));
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }
}
