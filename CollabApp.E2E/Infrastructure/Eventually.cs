using System.Diagnostics;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// Polls a probe until a condition holds, for conditions web-first assertions cannot state (two pages
/// agreeing on a value neither knows in advance). Fails with the last value seen.
/// </summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Browsers.DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Not {what} within {limit.TotalSeconds} s; last seen: {value}");
            }
            await Task.Delay(100);
        }
    }
}
