using CollabApp.Core;
using CollabApp.Core.Protection;
using CollabApp.Hosting;
using CollabApp.Observability;
using Microsoft.Extensions.Options;

namespace CollabApp.Protection;

/// <summary>
/// The browser UI's counterpart of the hub's per-connection call limit: one bucket per circuit for what a
/// person does (send a message, change a to-do), with the same rate and burst. Over it, the action is
/// refused like a hub call would be, and the panel says calmly to slow down. Editor operations are not
/// counted: the editor keeps one operation in flight and composes the rest, so its rate is bounded already.
/// </summary>
public sealed class CircuitActionLimiter(InMemoryRateLimiter buckets, IOptions<LimitsOptions> limits, CollabMetrics metrics) : IDisposable
{
    private readonly string _key = "circuit:" + Guid.NewGuid().ToString("N");

    /// <exception cref="CollabError">rate-limited, when this circuit acts faster than the limit.</exception>
    public void Require()
    {
        if (!buckets.TryAcquire(_key, new TokenBucket(limits.Value.CallsPerSecond, limits.Value.CallBurst)))
        {
            metrics.RateLimited("circuit");
            throw CollabError.RateLimited("too many actions at once; slow down.");
        }
    }

    public void Dispose() => buckets.Forget(_key);
}
