namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The Lua of presence. All presence keys share the <c>{presence}</c> hash tag (see <see cref="RedisKeys"/>):
/// KEYS[1] is the <c>seen</c> sorted set, which routes the script to that slot, and ARGV[1] the presence
/// prefix from which the scripts name the per-room and per-user keys of the same slot.
/// Data: <c>seen</c> (every connection as <c>roomId:connectionId</c>, scored by last refresh in ms, so any
/// instance finds any instance's stale connections with one range query); per room <c>room:R:conns</c>
/// (connection -> {u = userId, n = userName}); per user <c>user:U:rooms</c> (room -> the user's connection
/// count there: a user is present in exactly its fields), <c>user:U:tabs</c> (connection -> how many rooms
/// it is in) and <c>user:U:away</c> (the set of their connections that are away, a subset of the tabs). A
/// user shows away when every tab is away, so the shown status is two counts compared.
/// Each script is one atomic step and returns the presence events of its change as { room, userId,
/// userName, status } rows, so every arrival, departure and flip is reported once across instances.
/// </summary>
internal static class RedisPresenceScripts
{
    private const string Functions = """
        local prefix = ARGV[1]
        local seen = KEYS[1]
        local function conns(room) return prefix .. 'room:' .. room .. ':conns' end
        local function rooms(user) return prefix .. 'user:' .. user .. ':rooms' end
        local function tabs(user) return prefix .. 'user:' .. user .. ':tabs' end
        local function away(user) return prefix .. 'user:' .. user .. ':away' end

        -- The user's shown status: online while any tab is not away; nil with no tab at all.
        local function shown(user)
          local all = redis.call('HLEN', tabs(user))
          if all == 0 then return nil end
          if redis.call('SCARD', away(user)) < all then return 'online' end
          return 'away'
        end

        -- When the shown status flipped from before, it is news in each of the user's rooms but skip.
        local function add_flips(updates, user, name, before, skip)
          local after = shown(user)
          if not before or not after or before == after then return end
          for _, room in ipairs(redis.call('HKEYS', rooms(user))) do
            if room ~= skip then updates[#updates + 1] = { room, user, name, after } end
          end
        end

        -- Removes a known connection; appends 'offline' when it was the user's last in the room.
        local function remove(updates, room, conn, entry)
          redis.call('HDEL', conns(room), conn)
          redis.call('ZREM', seen, room .. ':' .. conn)
          if redis.call('HINCRBY', tabs(entry.u), conn, -1) <= 0 then
            redis.call('HDEL', tabs(entry.u), conn)
            redis.call('SREM', away(entry.u), conn)
          end
          if redis.call('HINCRBY', rooms(entry.u), room, -1) <= 0 then
            redis.call('HDEL', rooms(entry.u), room)
            updates[#updates + 1] = { room, entry.u, entry.n, 'offline' }
          end
        end

        local function entry_of(room, conn)
          local raw = redis.call('HGET', conns(room), conn)
          if raw then return cjson.decode(raw) end
          return nil
        end

        """;

    /// <summary>ARGV: prefix, room, connection, userId, userName, now (ms), away (1 or 0). A known connection is only refreshed.</summary>
    public const string Add = Functions + """
        local room, conn, user, name = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
        local updates = {}
        if redis.call('HEXISTS', conns(room), conn) == 0 then
          local before = shown(user)
          redis.call('HSET', conns(room), conn, cjson.encode({ u = user, n = name }))
          redis.call('HINCRBY', tabs(user), conn, 1)
          if ARGV[7] == '1' then redis.call('SADD', away(user), conn) end
          local skip = nil
          if redis.call('HINCRBY', rooms(user), room, 1) == 1 then
            updates[1] = { room, user, name, shown(user) }
            skip = room
          end
          add_flips(updates, user, name, before, skip)
        end
        redis.call('ZADD', seen, ARGV[6], room .. ':' .. conn)
        return updates
        """;

    /// <summary>ARGV: prefix, room, connection.</summary>
    public const string Remove = Functions + """
        local updates = {}
        local entry = entry_of(ARGV[2], ARGV[3])
        if entry then
          local before = shown(entry.u)
          remove(updates, ARGV[2], ARGV[3], entry)
          add_flips(updates, entry.u, entry.n, before, nil)
        end
        return updates
        """;

    /// <summary>ARGV: prefix, userId, connection, userName, status. A connection in no room changes nothing.</summary>
    public const string SetStatus = Functions + """
        local user, conn = ARGV[2], ARGV[3]
        local updates = {}
        if redis.call('HEXISTS', tabs(user), conn) == 1 then
          local before = shown(user)
          if ARGV[5] == 'away' then redis.call('SADD', away(user), conn) else redis.call('SREM', away(user), conn) end
          add_flips(updates, user, ARGV[4], before, nil)
        end
        return updates
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
            row = { entry.u, entry.n, shown(entry.u) or 'online', 0, at }
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
    /// returns { how many it looked at, presence events }. Flips are judged over the whole batch, so a user
    /// whose tabs all expired goes offline without first showing away.
    /// </summary>
    public const string Expire = Functions + """
        local stale = redis.call('ZRANGEBYSCORE', seen, '-inf', '(' .. ARGV[2], 'LIMIT', 0, tonumber(ARGV[3]))
        local updates, before, users = {}, {}, {}
        for _, member in ipairs(stale) do
          local split = string.find(member, ':', 1, true)
          local room, conn = string.sub(member, 1, split - 1), string.sub(member, split + 1)
          local entry = entry_of(room, conn)
          if not entry then
            redis.call('ZREM', seen, member)
          else
            if not before[entry.u] then
              before[entry.u] = shown(entry.u)
              users[#users + 1] = entry
            end
            remove(updates, room, conn, entry)
          end
        end
        for _, entry in ipairs(users) do add_flips(updates, entry.u, entry.n, before[entry.u], nil) end
        return { #stale, updates }
        """;
}
