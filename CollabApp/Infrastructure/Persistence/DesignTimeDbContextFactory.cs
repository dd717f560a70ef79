using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the PostgreSQL model without a running app or server
/// (migrations are PostgreSQL's; the embedded SQLite file is created from the model directly).
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CollabDbContext>
{
    public CollabDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CollabDbContext>().UseNpgsql("Host=localhost;Database=collab_design").Options);
}
