using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Every Redis key and channel of the app, named from one prefix (default <c>collab</c>).
/// A room's keys and channel carry the room as a hash tag (<c>collab:{lobby}:events</c>), so each room
/// script touches one slot and the same code runs on Redis Cluster. Presence is the exception: its
/// scripts must see a user across all their rooms at once (status, "last connection anywhere"), so all
/// presence keys share the one tag <c>{presence}</c>; presence traffic (joins, leaves, a heartbeat every
/// 30 s) is small enough for one slot, and every presence check-and-update stays one atomic script.
/// Room ids never contain ':' or braces (docs/protocol.md: <c>[a-z0-9-]</c>), so they cannot break a tag.
/// </summary>
/// <param name="shardedChannels">Room channels are sharded pub/sub channels (Redis Cluster); else plain ones.</param>
public sealed class RedisKeys(string prefix, bool shardedChannels = false)
{
    public string Prefix { get; } = prefix;

    /// <summary>The room's stream of durable events (capped at RetainedEvents, plus a small slack, and at RetainedBytes).</summary>
    public RedisKey Events(string roomId) => Room(roomId, "events");

    /// <summary>The bytes of the payloads in the room's stream, kept by the commit scripts.</summary>
    public RedisKey EventBytes(string roomId) => Room(roomId, "events:bytes");

    /// <summary>The id of the newest event trimmed from the stream: the oldest id that still resumes.</summary>
    public RedisKey EventsTrimmed(string roomId) => Room(roomId, "events:trimmed");

    /// <summary>Hash: idempotency key -> event id of the first commit under it.</summary>
    public RedisKey Idempotency(string roomId) => Room(roomId, "idem");

    /// <summary>Sorted set: idempotency key scored by its event's ms, to forget keys whose event was trimmed.</summary>
    public RedisKey IdempotencyAge(string roomId) => Room(roomId, "idem:age");

    /// <summary>Sorted set of the ids of events the database has yet to store, scored by their ms.</summary>
    public RedisKey Unstored(string roomId) => Room(roomId, "unstored");

    /// <summary>From when (ms) the stream's idempotency keys are trusted without a database check (absent: the stream is new or lost its data).</summary>
    public RedisKey KeysTrustedFrom(string roomId) => Room(roomId, "idem:trusted");

    /// <summary>
    /// Set of rooms that may have unstored events, for the sweeper (its own slot: it lists rooms of every slot; written
    /// beside the room scripts, not by them).
    /// </summary>
    public RedisKey UnstoredRooms => $"{Prefix}:{{unstored}}:rooms";

    /// <summary>The document's head revision (absent: not seeded).</summary>
    public RedisKey DocumentHead(string roomId) => Room(roomId, "doc:head");

    /// <summary>List of the newest committed operations' event ids in the room stream (a seeded one's JSON), oldest first.</summary>
    public RedisKey DocumentOps(string roomId) => Room(roomId, "doc:ops");

    /// <summary>Sorted set: client op key (<c>op:{userId}:{clientOpId}</c>) scored by its revision.</summary>
    public RedisKey DocumentKeys(string roomId) => Room(roomId, "doc:keys");

    /// <summary>
    /// The room's pub/sub channel: durable events (published by the commit scripts) and transient ones. On Redis
    /// Cluster a sharded channel (SSUBSCRIBE/SPUBLISH): it carries the room's hash tag, so it lives on the shard that
    /// owns the room's keys, the commit scripts may publish to it, and no other shard sees its traffic (a plain
    /// PUBLISH is broadcast to every node of a cluster). On a single Redis a plain channel (SUBSCRIBE/PUBLISH).
    /// </summary>
    public RedisChannel Channel(string roomId) =>
        shardedChannels ? RedisChannel.Sharded(ChannelName(roomId)) : RedisChannel.Literal(ChannelName(roomId));

    /// <summary>The command the commit scripts publish with, matching <see cref="Channel"/>.</summary>
    public string PublishCommand => shardedChannels ? "SPUBLISH" : "PUBLISH";

    /// <summary>The channel's name, as the commit scripts publish to it.</summary>
    public string ChannelName(string roomId) => $"{Prefix}:{{{roomId}}}:channel";

    /// <summary>The common start of every presence key; the presence scripts derive the rest from it.</summary>
    /// <summary>Every instance's latest figures (the admin page).</summary>
    public RedisKey InstanceStats => $"{Prefix}:stats";

    /// <summary>A rate-limit bucket (its own slot: buckets are independent).</summary>
    public RedisKey RateLimit(string bucket) => $"{Prefix}:{{rate:{bucket}}}";

    /// <summary>Sorted set of the open connections of one kind of one user (<see cref="RedisConnectionSlots"/>).</summary>
    public RedisKey ConnectionSlots(string set) => $"{Prefix}:{{slots:{set}}}";

    public string PresencePrefix => $"{Prefix}:{{presence}}:";

    /// <summary>Sorted set of every present connection (<c>roomId:connectionId</c>) scored by last refresh (ms).</summary>
    public RedisKey PresenceSeen => PresencePrefix + "seen";

    private RedisKey Room(string roomId, string name) => $"{Prefix}:{{{roomId}}}:{name}";
}
