using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;

namespace CollabApp.Tests.Core.Rooms;

public sealed class CachingRoomDirectoryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RemembersOnlyWhileListening_AndForgetsWhatAChangeTouched()
    {
        var inner = new CountingDirectory();
        var cache = new CachingRoomDirectory(inner);

        await cache.IsMemberAsync("den", "u1", CancellationToken.None).WaitAsync(Wait);
        await cache.IsMemberAsync("den", "u1", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal(2, inner.MemberReads);

        cache.SetListening(true);
        await cache.IsMemberAsync("den", "u1", CancellationToken.None).WaitAsync(Wait);
        await cache.IsMemberAsync("den", "u1", CancellationToken.None).WaitAsync(Wait);
        await cache.FindAsync("den", CancellationToken.None).WaitAsync(Wait);
        await cache.FindAsync("den", CancellationToken.None).WaitAsync(Wait);
        Assert.Equal((3, 1), (inner.MemberReads, inner.RoomReads));

        inner.Member = false;
        cache.ForgetMember("den", "u1");
        Assert.False(await cache.IsMemberAsync("den", "u1", CancellationToken.None).WaitAsync(Wait));

        inner.Name = "Renamed";
        cache.ForgetRoom("den");
        Assert.Equal("Renamed", (await cache.FindAsync("den", CancellationToken.None).WaitAsync(Wait))!.Name);

        cache.SetListening(false);
        inner.Name = "Again";
        Assert.Equal("Again", (await cache.FindAsync("den", CancellationToken.None).WaitAsync(Wait))!.Name);
    }

    [Fact]
    public async Task ALookupThatReadBeforeAForget_DoesNotStoreWhatItRead()
    {
        var inner = new CountingDirectory { Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var cache = new CachingRoomDirectory(inner);
        cache.SetListening(true);

        var stale = cache.IsMemberAsync("den", "u1", CancellationToken.None);
        await inner.Reading.Task.WaitAsync(Wait);
        inner.Member = false;
        cache.ForgetMember("den", "u1");
        inner.Hold.SetResult();
        Assert.True(await stale.WaitAsync(Wait));
        inner.Hold = null;

        Assert.False(await cache.IsMemberAsync("den", "u1", CancellationToken.None).WaitAsync(Wait));
    }

    private sealed class CountingDirectory : IRoomDirectory
    {
        public int MemberReads { get; private set; }

        public int RoomReads { get; private set; }

        public bool Member { get; set; } = true;

        public string Name { get; set; } = "Den";

        public TaskCompletionSource? Hold { get; set; }

        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<RoomInfo?> FindAsync(string roomId, CancellationToken cancellationToken)
        {
            RoomReads++;
            return Task.FromResult<RoomInfo?>(new RoomInfo(roomId, Name, true, "u-owner"));
        }

        public async Task<bool> IsMemberAsync(string roomId, string userId, CancellationToken cancellationToken)
        {
            MemberReads++;
            var answer = Member;
            Reading.TrySetResult();
            if (Hold is { } hold)
            {
                await hold.Task;
            }
            return answer;
        }
    }
}
