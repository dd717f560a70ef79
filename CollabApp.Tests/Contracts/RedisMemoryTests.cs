using System.Text;
using CollabApp.Core.Documents;
using Xunit.Abstractions;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// Issue 11, deliverable 4: what a room's document traffic costs in Redis, measured with MEMORY USAGE over the
/// room's keys (every nested value counted), as the attack did: 400 operations, 60 KB of CJK text
/// (20,000 characters, 3 UTF-8 bytes each) inserted, then deleted, 200 times.
/// </summary>
public sealed class RedisMemoryTests(ITestOutputHelper output)
{
    private const int Rounds = 200;
    private static readonly string Cjk = new('漢', 20_000);

    [Fact]
    public async Task DocumentOperations_CostUnderTwoAndAHalfTimesTheirText()
    {
        // Retention far above the traffic, so every operation is still held when measured.
        await using var backplane = new RedisBackplane(new BackplaneOptions(RetainedBytes: 64L * 1024 * 1024));
        var (memory, text) = await CommitInsertsAndDeletesAsync(backplane);

        var ratio = (double)memory / text;
        output.WriteLine($"{Rounds * 2} operations, {text:N0} bytes of text: Redis holds {memory:N0} bytes for the room, {ratio:F2}x");
        Assert.True(ratio < 2.5, $"Redis holds {ratio:F2}x the operations' text");
    }

    private static async Task<(long Memory, long Text)> CommitInsertsAndDeletesAsync(RedisBackplane backplane)
    {
        var log = (await backplane.AddInstanceAsync().DefaultTimeout()).Documents;
        var roomId = TestEvents.NewRoomId();
        await log.SeedAsync(roomId, 0, [], default).DefaultTimeout();
        var before = await backplane.MemoryUsageAsync();
        var revision = 0;
        for (var i = 0; i < Rounds; i++)
        {
            var insert = new TextOperation.Builder().Insert(Cjk).Build();
            var delete = new TextOperation.Builder().Delete(Cjk.Length).Build();
            foreach (var op in new[] { insert, delete })
            {
                var commit = await log.TryCommitAsync(roomId, revision, new OperationCommitted(revision + 1, op, "u1", Guid.NewGuid().ToString()), TestEvents.At, default).DefaultTimeout();
                Assert.Equal(DocumentCommitStatus.Committed, commit.Status);
                revision++;
            }
        }
        return (await backplane.MemoryUsageAsync() - before, (long)Rounds * Encoding.UTF8.GetByteCount(Cjk));
    }
}
