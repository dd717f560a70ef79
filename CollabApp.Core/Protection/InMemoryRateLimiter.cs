using System.Collections.Concurrent;

namespace CollabApp.Core.Protection;

/// <summary>The embedded mode's buckets, and the per-connection ones of every mode (a connection lives on one instance).</summary>
public sealed class InMemoryRateLimiter(TimeProvider time) : IRateLimiter
{
    private const int SweepEvery = 4096;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private int _acquisitions;

    public Task<bool> TryAcquireAsync(string key, TokenBucket bucket, CancellationToken cancellationToken) =>
        Task.FromResult(TryAcquire(key, bucket));

    public bool TryAcquire(string key, TokenBucket shape)
    {
        var now = time.GetTimestamp();
        var bucket = _buckets.GetOrAdd(key, _ => new Bucket(shape.Capacity, now));
        bool granted;
        lock (bucket)
        {
            bucket.Shape = shape;
            var elapsed = time.GetElapsedTime(bucket.UpdatedAt, now).TotalSeconds;
            bucket.Tokens = Math.Min(shape.Capacity, bucket.Tokens + (elapsed * shape.TokensPerSecond));
            bucket.UpdatedAt = now;
            granted = bucket.Tokens >= 1;
            if (granted)
            {
                bucket.Tokens -= 1;
            }
        }
        if (Interlocked.Increment(ref _acquisitions) % SweepEvery == 0)
        {
            Sweep(now);
        }
        return granted;
    }

    /// <summary>Forgets a bucket (a closed connection's).</summary>
    public void Forget(string key) => _buckets.TryRemove(key, out _);

    // A bucket that has refilled since its last use is the same as a new one; dropping those keeps memory flat under
    // many clients. Only those: a bucket refilled by the hour (registrations) must not be forgotten after a minute.
    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            bool full;
            lock (bucket)
            {
                var elapsed = time.GetElapsedTime(bucket.UpdatedAt, now).TotalSeconds;
                full = bucket.Shape is not { } shape || bucket.Tokens + (elapsed * shape.TokensPerSecond) >= shape.Capacity;
            }
            if (full)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        public double Tokens { get; set; } = tokens;

        public long UpdatedAt { get; set; } = updatedAt;

        public TokenBucket? Shape { get; set; }
    }
}
