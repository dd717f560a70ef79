namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The Lua of the document sequencer. Every key carries the room's hash tag, so the compare-and-append and
/// the room stream's XADD and PUBLISH are one atomic step: operations are published in revision order.
/// A committed operation is stored once, in its <c>operation</c> event in the room stream; the document's ops list
/// holds only that event's id (a seeded one, which no event holds, its JSON), so the history costs no second copy.
/// </summary>
internal static class RedisDocumentScripts
{
    /// <summary>
    /// KEYS: head, ops, client op keys, stream, idempotency hash, idempotency age, newest trimmed id, unstored set, bytes.
    /// ARGV: expected head, retained ops, retained events, retained bytes, channel, max unstored, publish command
    /// (PUBLISH or SPUBLISH), then per operation (in revision order, the first at expected head + 1) its client op key
    /// and event payload. All or nothing. Returns <c>{0, last revision, eventId, ...}</c> (one id per operation),
    /// <c>{1, revision, index}</c> when the operation at index (from 0) was committed before, at revision (nothing
    /// written), <c>{2, head, readAfter}</c> for a stale attempt, readAfter as <see cref="ReadAfter"/> answers for the
    /// expected head, so the caller can transform again without a read, <c>{3, 0}</c> when not seeded, or <c>{4, 0}</c>
    /// when the room has too many unstored events or bytes. Each operation is stored once, in its event: the ops list
    /// holds the event's stream id, which <see cref="ReadAfter"/> follows. The client op keys are a sorted set scored
    /// by revision, so keys are forgotten with their trimmed ops (as in the in-memory log) by one range removal.
    /// </summary>
    public const string TryCommit = RedisEventScripts.Functions + "\n" + ReadAfterFunction + """

        local head = redis.call('GET', KEYS[1])
        if not head then return { 3, 0 } end
        local count = (#ARGV - 7) / 2
        for i = 1, count do
          local earlier = redis.call('ZSCORE', KEYS[3], ARGV[6 + 2 * i])
          if earlier then return { 1, tonumber(earlier), i - 1 } end
        end
        local expected = tonumber(ARGV[1])
        if tonumber(head) ~= expected then return { 2, tonumber(head), read_after(tonumber(head), KEYS[2], KEYS[4], expected) } end
        if redis.call('ZCARD', KEYS[8]) + count > tonumber(ARGV[6]) then return { 4, 0 } end
        local size = 0
        for i = 1, count do size = size + #ARGV[7 + 2 * i] end
        if tonumber(redis.call('GET', KEYS[9]) or '0') + size > 2 * tonumber(ARGV[4]) then return { 4, 0 } end
        local answer = { 0, expected + count }
        for i = 1, count do
          local key, payload, revision = ARGV[6 + 2 * i], ARGV[7 + 2 * i], expected + i
          local id = commit_event(KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8], KEYS[9], payload, ARGV[3], ARGV[4], key, ARGV[5], '1', ARGV[7])
          redis.call('RPUSH', KEYS[2], id)
          redis.call('ZADD', KEYS[3], revision, key)
          answer[#answer + 1] = id
        end
        redis.call('SET', KEYS[1], expected + count)
        redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
        local firstKept = expected + count - redis.call('LLEN', KEYS[2]) + 1
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. firstKept)
        return answer
        """;

    /// <summary>
    /// KEYS: head, ops, stream. ARGV: after revision. Returns <c>{0}</c> (not seeded), <c>{1, 0, head}</c> (incomplete:
    /// before the oldest retained base or past the head, or an operation's event was trimmed from the stream), or
    /// <c>{1, 1, head, {kind, json, ...}}</c>: per operation <c>e</c> and its event's payload, or <c>o</c> and the
    /// operation's own JSON (seeded from the database: no event holds it). The retained ops are the revisions
    /// head - LLEN + 1 .. head, so the oldest base revision is head - LLEN.
    /// </summary>
    public const string ReadAfter = ReadAfterFunction + """
        local head = redis.call('GET', KEYS[1])
        if not head then return { 0 } end
        return read_after(tonumber(head), KEYS[2], KEYS[3], tonumber(ARGV[1]))
        """;

    // The answer of ReadAfter for a seeded document (its head known), shared with TryCommit's refusal.
    private const string ReadAfterFunction = """
        local function read_after(head, opsKey, streamKey, after)
          local oldestBase = head - redis.call('LLEN', opsKey)
          if after < oldestBase or after > head then return { 1, 0, head } end
          local found = {}
          for _, ref in ipairs(redis.call('LRANGE', opsKey, after - oldestBase, -1)) do
            if string.sub(ref, 1, 1) == '{' then
              found[#found + 1] = 'o'
              found[#found + 1] = ref
            else
              local entry = redis.call('XRANGE', streamKey, ref, ref)
              if #entry == 0 then return { 1, 0, head } end
              found[#found + 1] = 'e'
              found[#found + 1] = entry[1][2][2]
            end
          end
          return { 1, 1, head, found }
        end

        """;

    /// <summary>
    /// KEYS: head, ops, client op keys. ARGV: head, retained ops, then per operation (oldest first) its JSON,
    /// client op key and revision. Writes only when the head is missing, all at once; returns 1 if it seeded. Seeded
    /// operations come from the database, not from the stream, so the ops list holds their JSON itself.
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
