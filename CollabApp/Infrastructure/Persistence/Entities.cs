using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabApp.Infrastructure.Persistence;

public sealed class RoomEntity
{
    public required string RoomId { get; set; }
    public required string Name { get; set; }
    public bool IsPrivate { get; set; }
    public string? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class RoomMemberEntity
{
    public required string RoomId { get; set; }
    public required string UserId { get; set; }
}

public sealed class ChatMessageEntity
{
    public required string Id { get; set; }
    public required string RoomId { get; set; }
    public required string ClientMessageId { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public required string EventId { get; set; }

    // The event id's two numbers, so history pages in the room's total order.
    public long EventMs { get; set; }
    public long EventSeq { get; set; }

    public DateTimeOffset? EditedAt { get; set; }
    public bool Deleted { get; set; }

    // The last edit or deletion applied (0-0: none), so a change applies once, and an older one never over a newer.
    public string? ChangeEventId { get; set; }
    public long ChangeEventMs { get; set; }
    public long ChangeEventSeq { get; set; }
}

/// <summary>How far a user has read a room: the newest message they have seen (by its event id; 0-0: none yet).</summary>
public sealed class RoomReadEntity
{
    public required string UserId { get; set; }
    public required string RoomId { get; set; }
    public string? MessageId { get; set; }
    public long EventMs { get; set; }
    public long EventSeq { get; set; }
}

public sealed class TodoEntity
{
    public required string RoomId { get; set; }
    public required string Id { get; set; }
    public required string Title { get; set; }
    public bool Done { get; set; }
    public double Position { get; set; }
    public int Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public required string UpdatedBy { get; set; }
    public bool Deleted { get; set; }

    /// <summary>The kind of change that made <see cref="Version"/> (a <c>TodoChange</c> kind), for publishing it late.</summary>
    public required string LastChange { get; set; }

    /// <summary>The newest version whose event is in the room's log; below <see cref="Version"/> means unpublished.</summary>
    public int PublishedVersion { get; set; }
}

public sealed class DocumentOperationEntity
{
    public required string RoomId { get; set; }
    public int Revision { get; set; }
    public required string Op { get; set; }
    public required string UserId { get; set; }
    public required string ClientOpId { get; set; }
}

public sealed class DocumentSnapshotEntity
{
    public required string RoomId { get; set; }
    public int Revision { get; set; }
    public required string Text { get; set; }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<RoomEntity>
{
    public void Configure(EntityTypeBuilder<RoomEntity> room)
    {
        room.HasKey(r => r.RoomId);
        room.Property(r => r.RoomId).HasMaxLength(64);
        room.Property(r => r.Name).HasMaxLength(100);
    }
}

internal sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMemberEntity>
{
    public void Configure(EntityTypeBuilder<RoomMemberEntity> member)
    {
        member.HasKey(m => new { m.RoomId, m.UserId });
        member.HasIndex(m => m.UserId);
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessageEntity>
{
    public void Configure(EntityTypeBuilder<ChatMessageEntity> message)
    {
        message.HasKey(m => m.Id);
        message.HasIndex(m => new { m.RoomId, m.UserId, m.ClientMessageId }).IsUnique();
        message.HasIndex(m => new { m.RoomId, m.EventMs, m.EventSeq });
        message.Property(m => m.Text).HasMaxLength(4000);
    }
}

internal sealed class RoomReadConfiguration : IEntityTypeConfiguration<RoomReadEntity>
{
    public void Configure(EntityTypeBuilder<RoomReadEntity> read)
    {
        read.HasKey(r => new { r.UserId, r.RoomId });
        read.Property(r => r.RoomId).HasMaxLength(64);
    }
}

internal sealed class TodoConfiguration : IEntityTypeConfiguration<TodoEntity>
{
    public void Configure(EntityTypeBuilder<TodoEntity> todo)
    {
        todo.HasKey(t => new { t.RoomId, t.Id });
        todo.Property(t => t.Title).HasMaxLength(500);
        todo.Property(t => t.LastChange).HasMaxLength(16);
        // The sweeper's question, "what is unpublished?", reads only the few rows a failed append left behind.
        todo.HasIndex(t => t.UpdatedAt).HasFilter("\"Version\" > \"PublishedVersion\"").HasDatabaseName("IX_Todos_Unpublished");
    }
}

internal sealed class DocumentOperationConfiguration : IEntityTypeConfiguration<DocumentOperationEntity>
{
    public void Configure(EntityTypeBuilder<DocumentOperationEntity> operation)
    {
        operation.HasKey(o => new { o.RoomId, o.Revision });
        operation.HasIndex(o => new { o.RoomId, o.UserId, o.ClientOpId }).IsUnique();
    }
}

internal sealed class DocumentSnapshotConfiguration : IEntityTypeConfiguration<DocumentSnapshotEntity>
{
    public void Configure(EntityTypeBuilder<DocumentSnapshotEntity> snapshot) =>
        snapshot.HasKey(s => new { s.RoomId, s.Revision });
}
