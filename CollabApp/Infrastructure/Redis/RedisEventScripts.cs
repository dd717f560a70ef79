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
    /// server-assigned id (<c>&lt;ms&gt;-&lt;seq&gt;</c>, strictly increasing even if the clock steps back) and
    /// approximate capping (keeps at least <c>maxlen</c>), records the idempotency key, forgets keys whose events
    /// were trimmed, and publishes the envelope with its id spliced in (the payload is a JSON object without one).
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

        local function commit_event(stream, idem, age, payload, maxlen, key, channel)
          local id = redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'p', payload)
          if key ~= '' then
            redis.call('HSET', idem, key, id)
            redis.call('ZADD', age, tonumber(string.match(id, '^(%d+)')), key)
          end
          -- Bounded work per commit; approximate trimming drops whole nodes of ~100 entries at a time.
          -- By ms only: a key of the first retained ms lingers a little, and find_duplicate checks the entry.
          local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1][1]
          local stale = redis.call('ZRANGEBYSCORE', age, '-inf', '(' .. string.match(first, '^(%d+)'), 'LIMIT', 0, 128)
          if #stale > 0 then
            redis.call('HDEL', idem, unpack(stale))
            redis.call('ZREM', age, unpack(stale))
          end
          redis.call('PUBLISH', channel, '{"eventId":"' .. id .. '",' .. string.sub(payload, 2))
          return id
        end
        """;

    /// <summary>
    /// KEYS: stream, idempotency hash, idempotency age. ARGV: payload, maxlen, idempotency key or '', channel.
    /// Returns <c>{1, id, payload}</c> for a duplicate (nothing written or published), else <c>{0, id}</c>.
    /// </summary>
    public const string Append = Functions + """

        local duplicate = find_duplicate(KEYS[1], KEYS[2], ARGV[3])
        if duplicate then return { 1, duplicate[1], duplicate[2] } end
        return { 0, commit_event(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4]) }
        """;

    /// <summary>
    /// KEYS: stream. ARGV: the id to resume after, canonical (no leading zeros). Returns <c>{0}</c> when not
    /// resumable, else <c>{1, entries}</c>. Resumable: the id is the newest (no entries), a retained entry, or the
    /// newest trimmed one (XINFO's max-deleted-entry-id: the stream is only ever trimmed from the front, never
    /// XDEL'd, so that is the last id whose successors are all retained). One script, so no trim can slip
    /// between the check and the read. Ids are compared as digit strings: exact at any size.
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
        local issued = #redis.call('XRANGE', KEYS[1], after, after) > 0
        if not issued then
          local info = redis.call('XINFO', 'STREAM', KEYS[1])
          for i = 1, #info, 2 do
            if info[i] == 'max-deleted-entry-id' then
              issued = info[i + 1] ~= '0-0' and info[i + 1] == after
            end
          end
        end
        if not issued then return { 0 } end
        return { 1, redis.call('XRANGE', KEYS[1], '(' .. after, '+') }
        """;
}
