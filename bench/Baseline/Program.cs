using CollabApp.Baseline;

// The fan-out baseline: one hub with the product's wire names, scaled out by the SignalR Redis backplane alone.
// No persistence, no auth (a token, if sent, is ignored), no rate limits. Configure with ASPNETCORE_URLS and
// ConnectionStrings__Redis (host:port); without Redis it runs as a single instance.
var builder = WebApplication.CreateBuilder(args);
var signalR = builder.Services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024);
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("collab-baseline"));
}
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapHub<ChatHub>("/hubs/collab");
app.Run();
