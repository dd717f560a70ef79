namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The Lua that commits to and reads from a room's stream. Redis runs a script atomically, so a commit's checks,
/// XADD, bookkeeping and PUBLISH (SPUBLISH on a cluster) are one step: publish order is commit order on every instance.
/// Every key a script names carries the room's hash tag (one slot), and so does the channel: Redis Cluster refuses a
/// script that publishes to a sharded channel of another slot.
/// </summary>
internal static class RedisEventScripts
{
    /// <summary>
    /// Shared functions.
    /// <c>compare</c>: stream ids as digit strings, exact at any size.
    /// <c>oldest_unstored</c>: the smallest id in the room's unstored set (scored by ms; ids of one ms compared here).
    /// <c>find_duplicate</c>: the event first committed under an idempotency key, if it is still retained.
    /// <c>over_ceiling</c>: the stream would hold more than twice its byte retention. Trimming keeps it under the
    /// retention except while unstored events (never trimmed) pin it, that is while the database is behind: appends
    /// are then refused, so a room's stream stays bounded in bytes even then.
    /// <c>commit_event</c>: XADD with a server-assigned id (<c>&lt;ms&gt;-&lt;seq&gt;</c>, strictly increasing even if the
    /// clock steps back); records the idempotency key and, for an event the database has yet to store, its id in the
    /// unstored set; counts the payload's bytes in <c>bytes</c> (a stream from before that counter is summed once);
    /// trims; publishes the envelope with its id and its predecessor's id spliced in (the payload is a JSON object
    /// without them), so subscribers can tell they missed one.
    /// Trimming is done here rather than by XADD's <c>MAXLEN ~</c>: approximate trimming drops whole nodes without
    /// saying which ids went, yet the newest trimmed id must stay resumable. Once the stream is a slack (1% of
    /// maxlen, 1 to 100 entries) over maxlen, the oldest are cut to exactly maxlen; once its payloads pass maxbytes,
    /// the oldest are cut until they are 1% under it. Both with XTRIM MINID, never past an unstored event (only the
    /// log holds it) and never the new one; the newest trimmed id is kept in <c>trimmed</c>. Idempotency keys of
    /// trimmed events go in the same step (scored by their event's ms).
    /// </summary>
    public const string Functions = """
        local function compare(a, b)
          local am, as = string.match(a, '^(%d+)-(%d+)$')
          local bm, bs = string.match(b, '^(%d+)-(%d+)$')
          if #am ~= #bm then return #am < #bm and -1 or 1 end
          if am ~= bm then return am < bm and -1 or 1 end
          if #as ~= #bs then return #as < #bs and -1 or 1 end
          if as ~= bs then return as < bs and -1 or 1 end
          return 0
        end

        local function oldest_unstored(unstored)
          local first = redis.call('ZRANGE', unstored, 0, 0, 'WITHSCORES')
          if #first == 0 then return nil end
          local same = redis.call('ZRANGEBYSCORE', unstored, first[2], first[2])
          local oldest = same[1]
          for i = 2, #same do
            if compare(same[i], oldest) < 0 then oldest = same[i] end
          end
          return oldest
        end

        local function find_duplicate(stream, idem, key)
          if key == '' then return nil end
          local id = redis.call('HGET', idem, key)
          if not id then return nil end
          local entry = redis.call('XRANGE', stream, id, id)
          if #entry == 0 then return nil end
          return { id, entry[1][2][2] }
        end

        local function count_bytes(stream)
          local total, cursor = 0, '-'
          while true do
            local batch = redis.call('XRANGE', stream, cursor, '+', 'COUNT', 500)
            if #batch == 0 then return total end
            for _, entry in ipairs(batch) do total = total + #entry[2][2] end
            cursor = '(' .. batch[#batch][1]
          end
        end

        local function over_ceiling(bytes, payload, maxbytes)
          return tonumber(redis.call('GET', bytes) or '0') + #payload > 2 * tonumber(maxbytes)
        end

        local function commit_event(stream, idem, age, trimmed, unstored, bytes, payload, maxlen, maxbytes, key, channel, awaits, publish)
          local newest = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)
          local previous = #newest > 0 and newest[1][1] or ''
          if redis.call('EXISTS', bytes) == 0 then redis.call('SET', bytes, count_bytes(stream)) end
          local id = redis.call('XADD', stream, '*', 'p', payload)
          local size = redis.call('INCRBY', bytes, #payload)
          local ms = tonumber(string.match(id, '^(%d+)'))
          if key ~= '' then
            redis.call('HSET', idem, key, id)
            redis.call('ZADD', age, ms, key)
          end
          if awaits == '1' then
            redis.call('ZADD', unstored, ms, id)
          end
          maxlen = tonumber(maxlen)
          maxbytes = tonumber(maxbytes)
          local excess = redis.call('XLEN', stream) - maxlen
          if excess < math.max(1, math.min(100, math.floor(maxlen / 100))) then excess = 0 end
          local goal = size > maxbytes and maxbytes - math.floor(maxbytes / 100) or nil
          if excess > 0 or goal then
            local keep = oldest_unstored(unstored)
            local cut, freed, last, firstKept, cursor = 0, 0, nil, nil, '-'
            while not firstKept do
              local batch = redis.call('XRANGE', stream, cursor, '+', 'COUNT', 100)
              for _, entry in ipairs(batch) do
                local entryId = entry[1]
                if entryId == id or (keep and compare(entryId, keep) >= 0)
                    or (cut >= excess and (not goal or size - freed <= goal)) then
                  firstKept = entryId
                  break
                end
                cut = cut + 1
                freed = freed + #entry[2][2]
                last = entryId
              end
              if not firstKept then cursor = '(' .. batch[#batch][1] end
            end
            if last then
              redis.call('SET', trimmed, last)
              redis.call('XTRIM', stream, 'MINID', firstKept)
              redis.call('DECRBY', bytes, freed)
              local stale = redis.call('ZRANGEBYSCORE', age, '-inf', '(' .. string.match(firstKept, '^(%d+)'), 'LIMIT', 0, 1000)
              if #stale > 0 then
                redis.call('HDEL', idem, unpack(stale))
                redis.call('ZREM', age, unpack(stale))
              end
            end
          end
          redis.call(publish, channel, '{"eventId":"' .. id .. '","previousEventId":"' .. previous .. '",' .. string.sub(payload, 2))
          return id
        end
        """;

    /// <summary>
    /// KEYS: stream, idempotency hash, idempotency age, newest trimmed id, unstored set, keys-trusted-from (ms), bytes.
    /// ARGV: payload, maxlen, idempotency key or '', channel, awaits store ('1'/'0'), max unstored, keys checked
    /// ('' not checked, '0' checked and the room has no history, '1' checked with history), now (ms), key check window (ms),
    /// publish command (PUBLISH or SPUBLISH), max bytes.
    /// Returns <c>{1, id, payload}</c> for a duplicate (nothing written or published), <c>{2}</c> when the keys need
    /// checking against the database (nothing written), <c>{3}</c> when the room has too many unstored events or
    /// unstored bytes (nothing written), else <c>{0, id}</c>.
    /// A stream without a keys-trusted-from mark is new or lost its data (Redis restarted empty): its idempotency keys
    /// cannot vouch for sends from before, so until the mark (set on the first checked append: now, or now + window when
    /// the database has history) keyed appends that the database will store are checked there first.
    /// </summary>
    public const string Append = Functions + """

        local duplicate = find_duplicate(KEYS[1], KEYS[2], ARGV[3])
        if duplicate then return { 1, duplicate[1], duplicate[2] } end
        if ARGV[3] ~= '' and ARGV[5] == '1' then
          local now = tonumber(ARGV[8])
          local trusted = redis.call('GET', KEYS[6])
          if ARGV[7] ~= '' then
            if not trusted then
              redis.call('SET', KEYS[6], ARGV[7] == '1' and now + tonumber(ARGV[9]) or now)
            end
          elseif not trusted or now < tonumber(trusted) then
            return { 2 }
          end
        end
        if ARGV[5] == '1' and redis.call('ZCARD', KEYS[5]) >= tonumber(ARGV[6]) then return { 3 } end
        if over_ceiling(KEYS[7], ARGV[1], ARGV[11]) then return { 3 } end
        return { 0, commit_event(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[7], ARGV[1], ARGV[2], ARGV[11], ARGV[3], ARGV[4], ARGV[5], ARGV[10]) }
        """;

    /// <summary>
    /// KEYS: stream, newest trimmed id. ARGV: the id to resume after, canonical (no leading zeros). Returns
    /// <c>{0}</c> when not resumable, else <c>{1, entries}</c>. Resumable: the id is the newest (no entries), a
    /// retained entry, or the newest trimmed one (the stream is only trimmed from the front, so all its successors
    /// are retained). One script, so no trim can slip between the check and the read. An id from before Redis lost
    /// its data is in neither place, so it resumes nothing: its holder gets a snapshot.
    /// </summary>
    public const string ReadAfter = Functions + """

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

    /// <summary>
    /// KEYS: stream, newest trimmed id, unstored set. Returns <c>{storedUpTo or '', entries after it}</c>: the newest id
    /// before the oldest unstored event (all before it are in the database; trimmed ones were stored before they went),
    /// and the retained entries from that unstored event on. Without unstored events: the newest id and no entries.
    /// </summary>
    public const string SnapshotPoint = Functions + """

        local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        if #newest == 0 then return { '', {} } end
        local keep = oldest_unstored(KEYS[3])
        if not keep then return { newest[1][1], {} } end
        local before = redis.call('XREVRANGE', KEYS[1], '(' .. keep, '-', 'COUNT', 1)
        local storedUpTo = #before > 0 and before[1][1] or (redis.call('GET', KEYS[2]) or '')
        return { storedUpTo, redis.call('XRANGE', KEYS[1], keep, '+') }
        """;

    /// <summary>
    /// KEYS: stream, unstored set. ARGV: appended before (ms, exclusive), limit, idle since (ms). Returns
    /// <c>{idle, entries}</c>: up to limit unstored entries appended before the time (an id whose entry is gone is
    /// dropped from the set: nothing can store it), and 1 when the set is empty and the stream has had no event since
    /// the idle time (the sweeper may then forget the room).
    /// </summary>
    public const string ReadUnstored = """
        local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
        local entries = {}
        for _, id in ipairs(ids) do
          local entry = redis.call('XRANGE', KEYS[1], id, id)
          if #entry > 0 then entries[#entries + 1] = entry[1] else redis.call('ZREM', KEYS[2], id) end
        end
        local idle = 0
        if redis.call('ZCARD', KEYS[2]) == 0 then
          local newest = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
          if #newest == 0 or tonumber(string.match(newest[1][1], '^(%d+)')) < tonumber(ARGV[3]) then idle = 1 end
        end
        return { idle, entries }
        """;
}
