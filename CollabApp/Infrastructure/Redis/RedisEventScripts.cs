namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The Lua that commits to and replays from a room's stream. Redis runs a script atomically, so a commit's
/// check, XADD and PUBLISH are one step: publish order is commit order on every instance. Every key a script
/// names carries the room's hash tag (one slot); the channel is not a key.
/// </summary>
internal static class RedisEventScripts
{
    /// <summary>
    /// Shared functions. <c>find_duplicate</c>: the event first committed under an idempotency key, if it is still
    /// retained (a key is forgotten with its event, as in the in-memory log). <c>commit_event</c>: XADD with a
    /// server-assigned id (<c>&lt;ms&gt;-&lt;seq&gt;</c>, strictly increasing even if the clock steps back), records
    /// the idempotency key, trims, and publishes the envelope with its id spliced in (the payload is a JSON
    /// object without one).
    /// Trimming is done here rather than by XADD's <c>MAXLEN ~</c>: approximate trimming drops whole nodes without
    /// saying which ids went (Redis 7.0 does not move max-deleted-entry-id on a trim), yet the newest trimmed id is
    /// still resumable (all its successors are retained), as in the in-memory log. So once the stream is a slack
    /// (1% of maxlen, 1 to 100 entries) over maxlen, the oldest are cut to exactly maxlen with XTRIM MINID, and the
    /// newest trimmed id is kept in <c>trimmed</c>; the stream always holds at least maxlen entries. Idempotency
    /// keys of trimmed events go in the same step (they are scored by their event's ms; a key of the first
    /// retained ms may linger, and find_duplicate checks the entry anyway).
    /// </summary>
    public const string Functions = """
        local function find_duplicate(stream, idem, key)
          if key == '' then return nil end
          local id = redis.call('HGET', idem, key)
          if not id then return nil end
          local entry = redis.call('XRANGE', stream, id, id)
          if #entry == 0 then return nil end
          return { id, entry[1][2][2] }
        end

        local function commit_event(stream, idem, age, trimmed, payload, maxlen, key, channel)
          local id = redis.call('XADD', stream, '*', 'p', payload)
          if key ~= '' then
            redis.call('HSET', idem, key, id)
            redis.call('ZADD', age, tonumber(string.match(id, '^(%d+)')), key)
          end
          maxlen = tonumber(maxlen)
          local excess = redis.call('XLEN', stream) - maxlen
          if excess >= math.max(1, math.min(100, math.floor(maxlen / 100))) then
            local oldest = redis.call('XRANGE', stream, '-', '+', 'COUNT', excess + 1)
            local firstKept = oldest[excess + 1][1]
            redis.call('SET', trimmed, oldest[excess][1])
            redis.call('XTRIM', stream, 'MINID', firstKept)
            local stale = redis.call('ZRANGEBYSCORE', age, '-inf', '(' .. string.match(firstKept, '^(%d+)'), 'LIMIT', 0, 1000)
            if #stale > 0 then
              redis.call('HDEL', idem, unpack(stale))
              redis.call('ZREM', age, unpack(stale))
            end
          end
          redis.call('PUBLISH', channel, '{"eventId":"' .. id .. '",' .. string.sub(payload, 2))
          return id
        end
        """;

    /// <summary>
    /// KEYS: stream, idempotency hash, idempotency age, newest trimmed id. ARGV: payload, maxlen, idempotency key
    /// or '', channel.
    /// Returns <c>{1, id, payload}</c> for a duplicate (nothing written or published), else <c>{0, id}</c>.
    /// </summary>
    public const string Append = Functions + """

        local duplicate = find_duplicate(KEYS[1], KEYS[2], ARGV[3])
        if duplicate then return { 1, duplicate[1], duplicate[2] } end
        return { 0, commit_event(KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1], ARGV[2], ARGV[3], ARGV[4]) }
        """;

    /// <summary>
    /// KEYS: stream, newest trimmed id. ARGV: the id to resume after, canonical (no leading zeros). Returns
    /// <c>{0}</c> when not resumable, else <c>{1, entries}</c>. Resumable: the id is the newest (no entries), a
    /// retained entry, or the newest trimmed one (the stream is only trimmed from the front, so all its successors
    /// are retained). One script, so no trim can slip between the check and the read. Ids are compared as digit
    /// strings: exact at any size.
    /// </summary>
    public const string ReadAfter = """
        local function compare(a, b)
          local am, as = string.match(a, '^(%d+)-(%d+)$')
          local bm, bs = string.match(b, '^(%d+)-(%d+)$')
          if #am ~= #bm then return #am < #bm and -1 or 1 end
          if am ~= bm then return am < bm and -1 or 1 end
          if #as ~= #bs then return #as < #bs and -1 or 1 end
          if as ~= bs then return as < bs and -1 or 1 end
          return 0
        end

        local after = ARGV[1]
        local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #newest == 0 then return { 0 } end
        local order = compare(after, newest[1][1])
        if order > 0 then return { 0 } end
        if order == 0 then return { 1, {} } end
        local issued = #redis.call('XRANGE', KEYS[1], after, after) > 0 or redis.call('GET', KEYS[2]) == after
        if not issued then return { 0 } end
        return { 1, redis.call('XRANGE', KEYS[1], '(' .. after, '+') }
        """;
}
