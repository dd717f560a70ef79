namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The Lua of presence. All presence keys share the <c>{presence}</c> hash tag (see <see cref="RedisKeys"/>):
/// KEYS[1] is the <c>seen</c> sorted set, which routes the script to that slot, and ARGV[1] the presence
/// prefix from which the scripts name the per-room and per-user keys of the same slot.
/// Data: <c>seen</c> (every connection as <c>roomId:connectionId</c>, scored by last refresh in ms, so any
/// instance finds any instance's stale connections with one range query); per room <c>room:R:conns</c>
/// (connection -> {u = userId, n = userName}); per user <c>user:U:rooms</c> (room -> the user's connection
/// count there: a user is present in exactly its fields) and <c>user:U:status</c> (absent means online).
/// Each script is one atomic step, so "first", "last" and departures are reported once across instances.
/// </summary>
internal static class RedisPresenceScripts
{
    private const string Functions = """
        local prefix = ARGV[1]
        local seen = KEYS[1]
        local function conns(room) return prefix .. 'room:' .. room .. ':conns' end
        local function rooms(user) return prefix .. 'user:' .. user .. ':rooms' end
        local function status(user) return prefix .. 'user:' .. user .. ':status' end

        -- A user with no connection left anywhere starts as online next time.
        local function forget_status_if_gone(user)
          if redis.call('EXISTS', rooms(user)) == 0 then redis.call('DEL', status(user)) end
        end

        -- Removes a connection: nil if unknown, else { userId, userName, was it the user's last in the room }.
        local function remove(room, conn)
          local raw = redis.call('HGET', conns(room), conn)
          if not raw then return nil end
          local entry = cjson.decode(raw)
          redis.call('HDEL', conns(room), conn)
          redis.call('ZREM', seen, room .. ':' .. conn)
          local left = redis.call('HINCRBY', rooms(entry.u), room, -1)
          if left <= 0 then redis.call('HDEL', rooms(entry.u), room) end
          forget_status_if_gone(entry.u)
          return { entry.u, entry.n, left <= 0 }
        end

        """;

    /// <summary>ARGV: prefix, room, connection, userId, userName, now (ms). Returns 1 for the user's first connection in the room.</summary>
    public const string Add = Functions + """
        local room, conn, user = ARGV[2], ARGV[3], ARGV[4]
        local raw = redis.call('HGET', conns(room), conn)
        if raw and cjson.decode(raw).u ~= user then
          remove(room, conn)
          raw = nil
        end
        local first = 0
        if not raw and redis.call('HINCRBY', rooms(user), room, 1) == 1 then first = 1 end
        redis.call('HSET', conns(room), conn, cjson.encode({ u = user, n = ARGV[5] }))
        redis.call('ZADD', seen, ARGV[6], room .. ':' .. conn)
        return first
        """;

    /// <summary>ARGV: prefix, room, connection, userId. Returns 1 when it removed the user's last connection in the room.</summary>
    public const string Remove = Functions + """
        local gone = remove(ARGV[2], ARGV[3])
        forget_status_if_gone(ARGV[4])
        if gone and redis.call('HEXISTS', rooms(ARGV[4]), ARGV[2]) == 0 then return 1 end
        return 0
        """;

    /// <summary>ARGV: prefix, userId, status. Returns the user's rooms if the status changed, else none.</summary>
    public const string SetStatus = Functions + """
        local previous = redis.call('GET', status(ARGV[2])) or 'online'
        redis.call('SET', status(ARGV[2]), ARGV[3])
        if previous == ARGV[3] then return {} end
        return redis.call('HKEYS', rooms(ARGV[2]))
        """;

    /// <summary>ARGV: prefix, room. Returns per user { userId, userName, status, connections, last seen ms }.</summary>
    public const string List = Functions + """
        local room = ARGV[2]
        local all = redis.call('HGETALL', conns(room))
        local byUser, entries = {}, {}
        for i = 1, #all, 2 do
          local entry = cjson.decode(all[i + 1])
          local at = tonumber(redis.call('ZSCORE', seen, room .. ':' .. all[i]) or 0)
          local row = byUser[entry.u]
          if not row then
            row = { entry.u, entry.n, redis.call('GET', status(entry.u)) or 'online', 0, at }
            byUser[entry.u] = row
            entries[#entries + 1] = row
          end
          row[4] = row[4] + 1
          if at > row[5] then row[5] = at end
        end
        return entries
        """;

    /// <summary>
    /// ARGV: prefix, cutoff (ms), batch size. Removes up to a batch of connections refreshed before the cutoff;
    /// returns { how many it looked at, departures as { roomId, userId, userName } }.
    /// </summary>
    public const string Expire = Functions + """
        local stale = redis.call('ZRANGEBYSCORE', seen, '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        local departures = {}
        for _, member in ipairs(stale) do
          local split = string.find(member, ':', 1, true)
          local room = string.sub(member, 1, split - 1)
          local gone = remove(room, string.sub(member, split + 1))
          if not gone then
            redis.call('ZREM', seen, member)
          elseif gone[3] then
            departures[#departures + 1] = { room, gone[1], gone[2] }
          end
        end
        return { #stale, departures }
        """;
}
