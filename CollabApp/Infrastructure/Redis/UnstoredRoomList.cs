using System.Collections.Concurrent;
using StackExchange.Redis;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// Lists a room in <see cref="RedisKeys.UnstoredRooms"/> before an append that leaves an unstored event, so the
/// sweeper of any instance finds the event if this one dies before storing it. Sent ahead of the append on the same
/// connection (fire and forget), so it costs no round trip; and at most every <see cref="ListedFor"/> per room, since
/// the sweeper forgets a room only after it has been quiet for longer (<see cref="ForgetAfter"/>).
/// </summary>
public sealed class UnstoredRoomList(RedisKeys keys)
{
    private static readonly TimeSpan ListedFor = TimeSpan.FromSeconds(20);
    private const int SweepEvery = 1024;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _listedUntil = new(StringComparer.Ordinal);
    private long _listings;

    public static TimeSpan ForgetAfter { get; } = TimeSpan.FromSeconds(60);

    public void List(IDatabase database, string roomId, DateTimeOffset now)
    {
        if (_listedUntil.TryGetValue(roomId, out var until) && now < until)
        {
            return;
        }
        database.SetAdd(keys.UnstoredRooms, roomId, CommandFlags.FireAndForget);
        _listedUntil[roomId] = now + ListedFor;
        if (Interlocked.Increment(ref _listings) % SweepEvery == 0)
        {
            Sweep(now);
        }
    }

    // An entry past its time only means "list again": dropping those keeps one entry per recently active room, not per
    // room ever written to.
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (roomId, until) in _listedUntil)
        {
            if (until <= now)
            {
                _listedUntil.TryRemove(KeyValuePair.Create(roomId, until));
            }
        }
    }
}
