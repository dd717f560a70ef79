using System.Diagnostics;
using System.Text.Json;

namespace CollabApp.Tests.Hubs;

/// <summary>
/// Another user going about their business while an attack runs (issue 11, deliverable 8): one round trip at a time,
/// at a steady pace, each timed. A baseline is measured before the attack in the same test, so the bound is a ratio
/// to this machine's speed right now and not a fixed number that a loaded machine would miss.
/// </summary>
public sealed class Bystander(Func<Task> roundTrip, TimeSpan pace)
{
    /// <summary>
    /// No round trip during an attack may take longer than this. The median is the tight check; this one catches a
    /// stall. Single round trips of 969 and 983 ms were seen on this 2-core machine under a full test load (password
    /// hashing shares the cores), so a one-second bound would fail now and then without any bug.
    /// </summary>
    public static readonly TimeSpan WorstBound = TimeSpan.FromSeconds(2);

    /// <summary>The median during an attack stays under this floor or five times the baseline's median, whichever is larger.</summary>
    public static readonly TimeSpan MedianFloor = TimeSpan.FromMilliseconds(250);

    private const int MedianFactor = 5;

    /// <summary>
    /// A signed-in user in <paramref name="roomId"/> who chats: SendMessage, then waits for their own message event.
    /// Ten messages a second stays under the default per-call limit (20 a second).
    /// </summary>
    public static Bystander Chatting(HubClient client, string roomId = "lobby") => new(async () =>
    {
        var text = $"ping {Guid.NewGuid():N}";
        await client.InvokeAsync<JsonElement>("SendMessage", roomId, Guid.NewGuid().ToString(), text);
        await client.WaitForAsync("message", d => d.GetProperty("text").GetString() == text, text);
    }, TimeSpan.FromMilliseconds(100));

    /// <summary>A newly registered user of <paramref name="app"/>'s first instance, in the lobby, chatting; dispose the client.</summary>
    public static async Task<(HubClient Client, Bystander Bystander)> JoinChattingAsync(Hosting.TestApp app, HttpClient http)
    {
        var client = await HubClient.ConnectAsync(app.First.BaseAddress, await Hosting.TestUsers.RegisterAsync(http));
        await client.InvokeAsync<JsonElement>("JoinRoom", "lobby", null);
        return (client, Chatting(client));
    }

    /// <summary>The round trip's times, <paramref name="count"/> of them, one after the other at the pace.</summary>
    public async Task<List<TimeSpan>> MeasureAsync(int count)
    {
        var times = new List<TimeSpan>();
        using var pacer = new PeriodicTimer(pace);
        for (var i = 0; i < count && await pacer.WaitForNextTickAsync(); i++)
        {
            times.Add(await TimeOneAsync());
        }
        return times;
    }

    /// <summary>
    /// Round trips while <paramref name="attack"/> runs (at least one, started before it can have finished, and at most
    /// <paramref name="most"/>), then the attack's own outcome, so its refusals can be asserted too.
    /// </summary>
    public async Task<(List<TimeSpan> During, T Outcome)> WhileAsync<T>(Task<T> attack, int most = 30)
    {
        var times = new List<TimeSpan>();
        using var pacer = new PeriodicTimer(pace);
        do
        {
            times.Add(await TimeOneAsync());
        }
        while (!attack.IsCompleted && times.Count < most && await pacer.WaitForNextTickAsync());
        return (times, await attack);
    }

    /// <summary>Fails unless the worst round trip during the attack is under <see cref="WorstBound"/> and the median within bounds.</summary>
    public static void AssertUnaffected(IReadOnlyList<TimeSpan> baseline, IReadOnlyList<TimeSpan> during, Action<string>? report = null)
    {
        Assert.NotEmpty(baseline);
        Assert.NotEmpty(during);
        var medianBound = TimeSpan.FromTicks(Math.Max(MedianFloor.Ticks, MedianFactor * Median(baseline).Ticks));
        var summary = $"bystander round trips: baseline median {Ms(Median(baseline))}; during the attack ({during.Count}) median {Ms(Median(during))}, worst {Ms(during.Max())} (bounds: median {Ms(medianBound)}, worst {Ms(WorstBound)})";
        report?.Invoke(summary);
        Assert.True(during.Max() < WorstBound, summary);
        Assert.True(Median(during) < medianBound, summary);
    }

    private async Task<TimeSpan> TimeOneAsync()
    {
        var watch = Stopwatch.StartNew();
        await roundTrip();
        return watch.Elapsed;
    }

    // With an even count, the mean of the two middle times: a short attack measured twice would otherwise be judged by its
    // slower round trip alone, which is the worst bound's job.
    private static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        var sorted = times.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Ms(TimeSpan time) => $"{time.TotalMilliseconds:F0} ms";
}
