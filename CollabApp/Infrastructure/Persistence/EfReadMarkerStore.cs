using CollabApp.Core.Chat;
using EventId = CollabApp.Core.Events.EventId;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>Read markers in the database; unread counts by the messages' (room, event id) index, capped per room.</summary>
public sealed class EfReadMarkerStore(IDbContextFactory<CollabDbContext> contexts) : IReadMarkerStore
{
    public async Task<ReadMarker?> GetAsync(string userId, string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.RoomReads.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.RoomId == roomId, cancellationToken);
        return row is null ? null : new ReadMarker(row.MessageId, new EventId(row.EventMs, row.EventSeq));
    }

    public async Task AdvanceAsync(string userId, string roomId, ReadMarker marker, CancellationToken cancellationToken)
    {
        var (ms, seq) = (marker.EventId.Ms, marker.EventId.Seq);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Move forward only: the condition is in the update, so two tabs racing cannot move it back.
        var moved = await db.RoomReads
            .Where(r => r.UserId == userId && r.RoomId == roomId && (r.EventMs < ms || (r.EventMs == ms && r.EventSeq < seq)))
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.MessageId, marker.MessageId).SetProperty(x => x.EventMs, ms).SetProperty(x => x.EventSeq, seq), cancellationToken);
        if (moved > 0)
        {
            return;
        }
        db.RoomReads.Add(new RoomReadEntity { UserId = userId, RoomId = roomId, MessageId = marker.MessageId, EventMs = ms, EventSeq = seq });
        if (!await db.SaveIgnoringDuplicateAsync(cancellationToken))
        {
            // Created meanwhile by another tab, or already at or past this marker: try moving it forward once more.
            db.ChangeTracker.Clear();
            await db.RoomReads
                .Where(r => r.UserId == userId && r.RoomId == roomId && (r.EventMs < ms || (r.EventMs == ms && r.EventSeq < seq)))
                .ExecuteUpdateAsync(r => r.SetProperty(x => x.MessageId, marker.MessageId).SetProperty(x => x.EventMs, ms).SetProperty(x => x.EventSeq, seq), cancellationToken);
        }
    }

    /// <summary>One query: per marker, a LIMITed count over the messages after it (an index range scan each).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountUnreadAsync(string userId, int cap, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await db.RoomReads.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Select(r => new
            {
                r.RoomId,
                Unread = db.ChatMessages
                    .Where(m => m.RoomId == r.RoomId
                        && (m.EventMs > r.EventMs || (m.EventMs == r.EventMs && m.EventSeq > r.EventSeq))
                        && m.UserId != userId
                        && !m.Deleted)
                    .Take(cap)
                    .Count(),
            })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.RoomId, c => c.Unread, StringComparer.Ordinal);
    }
}
