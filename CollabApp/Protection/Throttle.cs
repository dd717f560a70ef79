using CollabApp.Core.Protection;

namespace CollabApp.Protection;

/// <summary>The answer of a throttled action: allowed, or refused with how long to wait before one more is allowed.</summary>
public readonly record struct Throttle(bool Allowed, int RetryAfterSeconds)
{
    public static Throttle Allow { get; } = new(true, 0);

    /// <summary>Refused by <paramref name="bucket"/>: the wait for one token of an empty bucket, at least a second.</summary>
    public static Throttle RefusedBy(TokenBucket bucket) => new(false, (int)Math.Max(1, Math.Ceiling(1 / bucket.TokensPerSecond)));

    public static TokenBucket PerMinute(int count) => new(count / 60.0, count);

    public static TokenBucket PerHour(int count) => new(count / 3600.0, count);

    /// <summary>Takes one token from each bucket in turn; the first empty one refuses (the later ones are not charged).</summary>
    public static async Task<Throttle> TakeAsync(IRateLimiter limiter, CancellationToken cancellationToken, params (string Key, TokenBucket Bucket)[] buckets)
    {
        foreach (var (key, bucket) in buckets)
        {
            if (!await limiter.TryAcquireAsync(key, bucket, cancellationToken))
            {
                return RefusedBy(bucket);
            }
        }
        return Allow;
    }

    /// <summary>The HTTP refusal: 429 with Retry-After and a problem body.</summary>
    public IResult ToResult(string title)
    {
        var retryAfter = RetryAfterSeconds;
        return new RetryAfterResult(Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: title), retryAfter);
    }

    /// <summary>Sets 429 and Retry-After on a response a page renders (the account forms).</summary>
    public void ApplyTo(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class RetryAfterResult(IResult inner, int retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
