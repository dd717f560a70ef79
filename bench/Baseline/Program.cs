using CollabApp.Baseline;
using CollabApp.Baseline.Circuits;
using CollabApp.Baseline.Components;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;

// The fan-out baseline: one hub with the product's wire names, scaled out by the SignalR Redis backplane alone.
// No persistence, no auth (a token, if sent, is ignored), no rate limits. Configure with ASPNETCORE_URLS and
// ConnectionStrings__Redis (host:port); without Redis it runs as a single instance.
// Also the circuits baseline: a bare interactive Blazor Server page at /circuit and the collab_circuits gauge at
// /metrics, so the circuits benchmark measures what the framework alone costs per circuit.
var builder = WebApplication.CreateBuilder(args);
var signalR = builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024);
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("collab-baseline"));
}
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSingleton<OpenCircuits>();
builder.Services.AddScoped<CircuitHandler, CircuitCounter>();
// Circuits need data-protection keys; kept in memory, so the baseline writes nothing to the user's profile.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
// run.sh starts the build output (not a publish) from the repository root in Production: serve blazor.web.js from
// the build's static web assets manifest, as Development would.
builder.WebHost.UseStaticWebAssets();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapGet("/metrics", (OpenCircuits circuits) => Results.Text(circuits.PrometheusText(), "text/plain; version=0.0.4"));
app.MapHub<ChatHub>("/hubs/collab");
// Compression off, as in the product (CollabApp/Program.cs): each compressed socket keeps native zlib state.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.DisableWebSocketCompression = true);
app.Run();
