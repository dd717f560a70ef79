using System.Collections.Concurrent;
using CollabApp.Core.Protection;
using CollabApp.Hosting;
using Microsoft.Extensions.Options;

namespace CollabApp.Protection;

/// <summary>
/// Hub calls per connection (docs/protocol.md: 20 a second, burst 40). A connection lives on one instance, so its
/// bucket is in-process in both modes: no Redis round trip per call. A connection that keeps calling at five
/// times its limit for 10 s is closed.
/// </summary>
public sealed class HubCallLimiter(InMemoryRateLimiter buckets, IOptions<LimitsOptions> limits, TimeProvider time)
{
    private static readonly TimeSpan AbuseWindow = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Refusals> _refusals = new(StringComparer.Ordinal);

    public CallVerdict Check(string connectionId)
    {
        var shape = new TokenBucket(limits.Value.CallsPerSecond, limits.Value.CallBurst);
        if (buckets.TryAcquire("calls:" + connectionId, shape))
        {
            return CallVerdict.Allowed;
        }
        var refusals = _refusals.GetOrAdd(connectionId, _ => new Refusals(time.GetTimestamp()));
        lock (refusals)
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(refusals.WindowStart, now) > AbuseWindow)
            {
                refusals.WindowStart = now;
                refusals.Count = 0;
            }
            refusals.Count++;
            // Refused calls beyond 4x the allowed rate over the window mean the client calls at 5x its limit.
            var abusive = refusals.Count > 4 * limits.Value.CallsPerSecond * AbuseWindow.TotalSeconds;
            return abusive ? CallVerdict.Abusive : CallVerdict.Limited;
        }
    }

    public void Forget(string connectionId)
    {
        buckets.Forget("calls:" + connectionId);
        _refusals.TryRemove(connectionId, out _);
    }

    private sealed class Refusals(long windowStart)
    {
        public long WindowStart { get; set; } = windowStart;

        public int Count { get; set; }
    }
}

public enum CallVerdict { Allowed, Limited, Abusive }
