using CollabApp;
using CollabApp.Accounts;
using CollabApp.Components;
using CollabApp.Hosting;
using CollabApp.Hubs;
using CollabApp.Infrastructure.Persistence;
using CollabApp.Observability;
using CollabApp.Protection;
using CollabApp.Rooms;

var builder = WebApplication.CreateBuilder(args);
var mode = CollabMode.From(builder.Configuration);
if (ScaledModeRequirements.Problem(builder.Configuration, mode) is { } problem)
{
    // A configuration mistake, not a crash: one clear line and a non-zero exit, no stack trace.
    Console.Error.WriteLine(problem);
    return 1;
}

builder.AddCollabHosting();
builder.AddCollabEdge();
builder.AddCollabStorage(mode);
builder.AddCollabAccounts();
builder.AddCollabRealtime(mode);
builder.AddCollabUi();
builder.AddCollabObservability();

var app = builder.Build();
if (StartupValidation.Problem(app.Services) is { } invalid)
{
    Console.Error.WriteLine(invalid);
    return 1;
}

await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
StartupLog.Started(app.Logger, app.Services.GetRequiredService<InstanceIdentity>().Id, mode.IsScaled ? "scaled" : "embedded");

app.UseForwardedHeaders();
app.UseExceptionHandler(AppRoutes.Pages.Error, createScopeForErrors: true);
app.UseCollabSecurityHeaders();
// Friendly status pages for people; API and hub clients get the bare status code.
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments(AppRoutes.Api.Prefix) && !context.Request.Path.StartsWithSegments(AppRoutes.Hubs.Prefix),
    branch => branch.UseStatusCodePagesWithReExecute(AppRoutes.Pages.NotFound, createScopeForStatusCodePages: true));
app.UseCors(EdgeWebApplicationBuilderExtensions.CorsPolicy);
app.UseMiddleware<ConnectionRateLimitMiddleware>();
app.UseAuthentication();
app.UseMiddleware<ConnectionCapMiddleware>();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapCollabHealth();
app.MapCollabMetrics();
app.MapAccountApi();
app.MapAccountForms();
app.MapRoomApi();
app.MapCollabHub();
// No per-message deflate on circuits: each compressed WebSocket keeps native zlib state for as long as it is
// open, which was most of an idle circuit's memory (docs/benchmarks.md, footprint). The frame-ancestors policy
// Blazor would add with compression comes from the app's own security headers.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);

app.Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
