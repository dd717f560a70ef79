using CollabApp.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Tests.Components.Support;

/// <summary>A database's contexts, which can be made to fail to open (the database is down).</summary>
public sealed class SwitchableContexts(IDbContextFactory<CollabDbContext> inner) : IDbContextFactory<CollabDbContext>
{
    private volatile Exception? _failure;

    /// <summary>When set, opening a context fails with it.</summary>
    public Exception? Failure
    {
        get => _failure;
        set => _failure = value;
    }

    public CollabDbContext CreateDbContext() => _failure is { } failure ? throw failure : inner.CreateDbContext();

    public Task<CollabDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        _failure is { } failure ? Task.FromException<CollabDbContext>(failure) : inner.CreateDbContextAsync(cancellationToken);
}
