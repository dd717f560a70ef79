using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Tests.Hosting;

/// <summary>Waiting on conditions instead of sleeping: every wait is bounded and says what it waited for.</summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out waiting for {what}");
            }
            await Task.Delay(Poll);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);

    /// <summary>
    /// Retries a hub call refused with <paramref name="code"/> (e.g. <c>rate-limited</c>, <c>unavailable</c>), as a
    /// client is told to: pause, then try again.
    /// </summary>
    public static async Task<T> RetryRefusedAsync<T>(string code, Func<Task<T>> call, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (HubException e) when (e.Message.Contains($"{code}: ", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(Poll * 4);
            }
        }
    }
}
