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

    // Buckets idle for a minute are full again; dropping them keeps memory flat under many clients.
    private void Sweep(long now)
    {
        foreach (var (key, bucket) in _buckets)
        {
            if (time.GetElapsedTime(bucket.UpdatedAt, now) > TimeSpan.FromMinutes(1))
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        public double Tokens { get; set; } = tokens;

        public long UpdatedAt { get; set; } = updatedAt;
    }
}
