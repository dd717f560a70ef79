using CollabApp.Core.Protection;
using CollabApp.Tests.Hosting;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// What every <see cref="IRateLimiter"/> must do: token buckets by key, shared by every instance, refilled at their rate.
/// The Redis buckets run on the server's clock, so refilling is waited for, not simulated; the rates leave seconds
/// between tokens, so a refusal right after a burst holds however slow a call is under load.
/// </summary>
public abstract class RateLimiterContractTests
{
    private static readonly TokenBucket NoRefill = new(TokensPerSecond: 0.001, Capacity: 3);

    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task AFreshBucket_GrantsItsCapacity_ThenRefuses_AndOtherKeysAreApart()
    {
        await using var backplane = CreateBackplane(new());
        var limiter = (await backplane.AddInstanceAsync().DefaultTimeout()).RateLimiter;
        var key = NewKey();

        var granted = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            granted.Add(await limiter.TryAcquireAsync(key, NoRefill, default).DefaultTimeout());
        }

        Assert.Equal([true, true, true, false, false], granted);
        Assert.True(await limiter.TryAcquireAsync(NewKey(), NoRefill, default).DefaultTimeout());
    }

    [Fact]
    public async Task Instances_ShareOneBucketPerKey()
    {
        await using var backplane = CreateBackplane(new());
        var first = (await backplane.AddInstanceAsync().DefaultTimeout()).RateLimiter;
        var second = (await backplane.AddInstanceAsync().DefaultTimeout()).RateLimiter;
        var key = NewKey();

        Assert.True(await first.TryAcquireAsync(key, NoRefill, default).DefaultTimeout());
        Assert.True(await second.TryAcquireAsync(key, NoRefill, default).DefaultTimeout());
        Assert.True(await first.TryAcquireAsync(key, NoRefill, default).DefaultTimeout());

        Assert.False(await second.TryAcquireAsync(key, NoRefill, default).DefaultTimeout());
        Assert.False(await first.TryAcquireAsync(key, NoRefill, default).DefaultTimeout());
    }

    [Fact]
    public async Task AnEmptyBucket_RefillsAtItsRate()
    {
        await using var backplane = CreateBackplane(new());
        var limiter = (await backplane.AddInstanceAsync().DefaultTimeout()).RateLimiter;
        var key = NewKey();
        var slow = new TokenBucket(TokensPerSecond: 0.5, Capacity: 1);
        Assert.True(await limiter.TryAcquireAsync(key, slow, default).DefaultTimeout());
        Assert.False(await limiter.TryAcquireAsync(key, slow, default).DefaultTimeout());

        // A refused try takes nothing, so polling does not delay the token.
        await Eventually.UntilAsync(() => limiter.TryAcquireAsync(key, slow, default).DefaultTimeout(), "a token two seconds later");

        Assert.False(await limiter.TryAcquireAsync(key, slow, default).DefaultTimeout());
    }

    private static string NewKey() => $"bucket-{Guid.NewGuid():N}";
}
