using System.Text.Json;
using CollabApp.LoadTool;

// Usage: dotnet run -c Release --project bench/CollabApp.LoadTool -- fanout|edit|idle [options] --out results.json
//   common: --urls http://127.0.0.1:5001,http://127.0.0.1:5002 (loopback only)  --no-auth (baseline server)
//           --label NAME  --timeout SECONDS (hard stop, default 300)
//   fanout: --clients 20 --rooms 4 --rate 100 --duration 20 --warmup 2 --drain 5 [--slow-readers N]
//   edit:   --edits 5000 [--edit-rate 0 (as fast as possible)] --typists 10 --typing-rate 5 --typing-duration 15
//           --redis 127.0.0.1:6380 (raw PINGs at the typists' pace: the hop floor)
//   idle:   --steps 250,500,1000 --server-pid PID --settle 5 --hold 0 --parallel 16
//   circuits: --devtools 9333 (a headless Chromium's DevTools port) --page /rooms --steps 25,50 --server-pid PID
//             (--no-auth: no account or sign-in, for the baseline's --page /circuit)
//   seedroom: --room ID --messages 50 --todos 10 --document-kb 10 (a public room for circuits on /rooms/ID)
//   capacity: --clients 100 --rooms 20 --start-rate 1 (per client, msg/s) --factor 1.5 --step 10 --warmup 5 --drain 10
//             --p99-limit 100 --max-steps 20 --procs a=PID,b=PID,redis=PID,postgres=PID (CPU per step; the tool's own is added)
if (args.Length == 0 || args[0] is not ("fanout" or "edit" or "idle" or "circuits" or "capacity" or "seedroom"))
{
    Console.Error.WriteLine("usage: CollabApp.LoadTool fanout|edit|idle|circuits|capacity|seedroom [--urls ...] [--no-auth] [--out file.json] (see Program.cs)");
    return 2;
}
var mode = args[0];
var options = new Options(args[1..]);
var runId = options.String("run-id", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", System.Globalization.CultureInfo.InvariantCulture));
using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Min(options.Double("timeout", 300), 1800)));
using var server = new Server(options.Urls(), options.Flag("no-auth"), runId);
object result = mode switch
{
    "fanout" => await FanoutMode.RunAsync(server, options, runId, timeout.Token),
    "edit" => await EditMode.RunAsync(server, options, runId, timeout.Token),
    "circuits" => await CircuitsMode.RunAsync(server, options, timeout.Token),
    "capacity" => await CapacityMode.RunAsync(server, options, runId, timeout.Token),
    "seedroom" => await SeedRoomMode.RunAsync(server, options, timeout.Token),
    _ => await IdleMode.RunAsync(server, options, timeout.Token),
};
var report = new Dictionary<string, object?>
{
    ["label"] = options.String("label", server.NoAuth ? "baseline" : "product"),
    ["at"] = DateTimeOffset.UtcNow,
    ["machine"] = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString(), runtime = Environment.Version.ToString() },
    ["result"] = result,
};
var json = JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
if (options.OptionalString("out") is { } path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    await File.WriteAllTextAsync(path, json);
}
Console.WriteLine(json);
return 0;
