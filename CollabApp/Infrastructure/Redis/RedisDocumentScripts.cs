namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The Lua of the document sequencer. Every key carries the room's hash tag, so the compare-and-append and
/// the room stream's XADD and PUBLISH are one atomic step: operations are published in revision order.
/// </summary>
internal static class RedisDocumentScripts
{
    /// <summary>
    /// KEYS: head, ops, client op keys, stream, idempotency hash, idempotency age, newest trimmed id, unstored set.
    /// ARGV: expected head, revision, op JSON, client op key, event payload, retained ops, retained events, channel,
    /// max unstored, publish command (PUBLISH or SPUBLISH). Returns <c>{status, revision[, eventId]}</c>, status as
    /// <see cref="Core.Documents.DocumentCommitStatus"/>, or <c>{4, 0}</c> when the room has too many unstored events.
    /// The client op keys are a sorted set scored by revision, so keys are forgotten with their trimmed ops
    /// (as in the in-memory log) by one range removal.
    /// </summary>
    public const string TryCommit = RedisEventScripts.Functions + """

        local head = redis.call('GET', KEYS[1])
        if not head then return { 3, 0 } end
        local earlier = redis.call('ZSCORE', KEYS[3], ARGV[4])
        if earlier then return { 1, tonumber(earlier) } end
        if tonumber(head) ~= tonumber(ARGV[1]) then return { 2, tonumber(head) } end
        if redis.call('ZCARD', KEYS[8]) >= tonumber(ARGV[9]) then return { 4, 0 } end
        local revision = tonumber(ARGV[2])
        redis.call('SET', KEYS[1], revision)
        redis.call('RPUSH', KEYS[2], ARGV[3])
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[6]), -1)
        redis.call('ZADD', KEYS[3], revision, ARGV[4])
        local firstKept = revision - redis.call('LLEN', KEYS[2]) + 1
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. firstKept)
        local id = commit_event(KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], ARGV[5], ARGV[7], ARGV[4], ARGV[8], '1', ARGV[10])
        return { 0, revision, id }
        """;

    /// <summary>
    /// KEYS: head, ops. ARGV: after revision. Returns <c>{0}</c> (not seeded), <c>{1, 0, head}</c> (incomplete:
    /// before the oldest retained base or past the head), or <c>{1, 1, head, ops}</c>. The retained ops are the
    /// revisions head - LLEN + 1 .. head, so the oldest base revision is head - LLEN.
    /// </summary>
    public const string ReadAfter = """
        local head = redis.call('GET', KEYS[1])
        if not head then return { 0 } end
        head = tonumber(head)
        local oldestBase = head - redis.call('LLEN', KEYS[2])
        local after = tonumber(ARGV[1])
        if after < oldestBase or after > head then return { 1, 0, head } end
        return { 1, 1, head, redis.call('LRANGE', KEYS[2], after - oldestBase, -1) }
        """;

    /// <summary>
    /// KEYS: head, ops, client op keys. ARGV: head, retained ops, then per operation (oldest first) its JSON,
    /// client op key and revision. Writes only when the head is missing, all at once; returns 1 if it seeded.
    /// </summary>
    public const string Seed = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('DEL', KEYS[2], KEYS[3])
        local count = (#ARGV - 2) / 3
        for i = math.max(1, count - tonumber(ARGV[2]) + 1), count do
          local at = 2 + (i - 1) * 3
          redis.call('RPUSH', KEYS[2], ARGV[at + 1])
          redis.call('ZADD', KEYS[3], ARGV[at + 3], ARGV[at + 2])
        end
        redis.call('SET', KEYS[1], ARGV[1])
        return 1
        """;
}
