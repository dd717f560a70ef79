using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// The system of record: accounts (ASP.NET Core Identity), rooms and members, chat history and how far each user has read it, to-dos,
/// document operations and snapshots, and the data-protection keys every instance shares.
/// </summary>
public sealed class CollabDbContext(DbContextOptions<CollabDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<RoomEntity> Rooms => Set<RoomEntity>();

    public DbSet<RoomMemberEntity> RoomMembers => Set<RoomMemberEntity>();

    public DbSet<ChatMessageEntity> ChatMessages => Set<ChatMessageEntity>();

    public DbSet<RoomReadEntity> RoomReads => Set<RoomReadEntity>();

    public DbSet<TodoEntity> Todos => Set<TodoEntity>();

    public DbSet<DocumentOperationEntity> DocumentOperations => Set<DocumentOperationEntity>();

    public DbSet<DocumentSnapshotEntity> DocumentSnapshots => Set<DocumentSnapshotEntity>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CollabDbContext).Assembly);
    }
}
