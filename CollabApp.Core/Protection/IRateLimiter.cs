namespace CollabApp.Core.Protection;

/// <summary>
/// Token buckets shared by every instance that uses the same implementation: <see cref="TryAcquireAsync"/>
/// takes one token from the bucket named <paramref name="key"/>, refilled at <see cref="TokenBucket.TokensPerSecond"/>
/// up to <see cref="TokenBucket.Capacity"/>.
/// </summary>
public interface IRateLimiter
{
    Task<bool> TryAcquireAsync(string key, TokenBucket bucket, CancellationToken cancellationToken);
}

/// <summary>A bucket's shape.</summary>
public sealed record TokenBucket(double TokensPerSecond, int Capacity);
