using CollabApp.Core.Chat;
using EventId = CollabApp.Core.Events.EventId;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>Chat history in the database, paged in the rooms' event order.</summary>
public sealed class EfChatStore(IDbContextFactory<CollabDbContext> contexts) : IChatStore
{
    public async Task<ChatMessage?> FindByClientIdAsync(string roomId, string userId, string clientMessageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.ChatMessages.AsNoTracking()
            .FirstOrDefaultAsync(m => m.RoomId == roomId && m.UserId == userId && m.ClientMessageId == clientMessageId, cancellationToken);
        return entity is null ? null : ToRecord(entity);
    }

    public Task SaveManyAsync(IReadOnlyList<ChatMessage> messages, CancellationToken cancellationToken) =>
        contexts.InsertIgnoringDuplicatesAsync([.. messages.Select(ToEntity)], cancellationToken);

    public async Task<ChatMessage?> FindAsync(string roomId, string messageId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.ChatMessages.AsNoTracking().FirstOrDefaultAsync(m => m.RoomId == roomId && m.Id == messageId, cancellationToken);
        return entity is null ? null : ToRecord(entity);
    }

    /// <summary>
    /// One transaction, one conditional update per change: the conditions are <see cref="MessageChanges.Apply"/>'s rule
    /// (a deletion wins and is final; an edit only over an older change), so the database needs no read first.
    /// </summary>
    public async Task ApplyChangesAsync(IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Through the execution strategy, so that an outage while opening or committing is unavailable too.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, changes), static (state, token) => ApplyInTransactionAsync(state.db, state.changes, token), cancellationToken);
    }

    private static async Task ApplyInTransactionAsync(CollabDbContext db, IReadOnlyList<MessageChange> changes, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var change in changes)
        {
            var message = change.Message;
            var id = EventId.TryParse(message.ChangeEventId, out var parsed)
                ? parsed
                : throw new ArgumentException("a stored change needs its event id", nameof(changes));
            var target = db.ChatMessages.Where(m => m.RoomId == message.RoomId && m.Id == message.Id && !m.Deleted);
            if (change.Kind == MessageChange.Deleted)
            {
                await target.ExecuteUpdateAsync(m => m
                    .SetProperty(x => x.Text, "")
                    .SetProperty(x => x.Deleted, true)
                    .SetProperty(x => x.EditedAt, (DateTimeOffset?)null)
                    .SetProperty(x => x.ChangeEventId, message.ChangeEventId)
                    .SetProperty(x => x.ChangeEventMs, id.Ms)
                    .SetProperty(x => x.ChangeEventSeq, id.Seq), cancellationToken);
            }
            else
            {
                await target
                    .Where(m => m.ChangeEventMs < id.Ms || (m.ChangeEventMs == id.Ms && m.ChangeEventSeq < id.Seq))
                    .ExecuteUpdateAsync(m => m
                        .SetProperty(x => x.Text, message.Text)
                        .SetProperty(x => x.EditedAt, message.EditedAt)
                        .SetProperty(x => x.ChangeEventId, message.ChangeEventId)
                        .SetProperty(x => x.ChangeEventMs, id.Ms)
                        .SetProperty(x => x.ChangeEventSeq, id.Seq), cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> HasAnyAsync(string roomId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ChatMessages.AnyAsync(m => m.RoomId == roomId, cancellationToken);
    }

    public async Task<IReadOnlyList<ChatMessage>> ListBeforeAsync(string roomId, string? beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.ChatMessages.AsNoTracking().Where(m => m.RoomId == roomId);
        if (beforeId is not null)
        {
            var before = await db.ChatMessages.AsNoTracking()
                .Where(m => m.RoomId == roomId && m.Id == beforeId)
                .Select(m => new { m.EventMs, m.EventSeq })
                .FirstOrDefaultAsync(cancellationToken);
            if (before is null)
            {
                return [];
            }
            query = query.Where(m => m.EventMs < before.EventMs || (m.EventMs == before.EventMs && m.EventSeq < before.EventSeq));
        }
        var newestFirst = await query
            .OrderByDescending(m => m.EventMs).ThenByDescending(m => m.EventSeq)
            .Take(limit)
            .ToListAsync(cancellationToken);
        newestFirst.Reverse();
        return [.. newestFirst.Select(ToRecord)];
    }

    private static ChatMessageEntity ToEntity(ChatMessage message)
    {
        var id = EventId.TryParse(message.EventId, out var parsed)
            ? parsed
            : throw new ArgumentException("a stored message needs its event id", nameof(message));
        return new ChatMessageEntity
        {
            Id = message.Id,
            RoomId = message.RoomId,
            ClientMessageId = message.ClientMessageId,
            UserId = message.UserId,
            UserName = message.UserName,
            Text = message.Text,
            SentAt = message.SentAt,
            EventId = message.EventId!,
            EventMs = id.Ms,
            EventSeq = id.Seq,
        };
    }

    private static ChatMessage ToRecord(ChatMessageEntity m) =>
        new(m.Id, m.RoomId, m.ClientMessageId, m.UserId, m.UserName, m.Text, m.SentAt, m.EventId, m.EditedAt, m.Deleted, m.ChangeEventId);
}
