using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Rooms;
using CollabApp.Core.Todos;
using CollabApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace CollabApp.Hosting;

public static class StorageWebApplicationBuilderExtensions
{
    /// <summary>The database (PostgreSQL when scaled, else a SQLite file in the data folder) and the stores on it.</summary>
    public static WebApplicationBuilder AddCollabStorage(this WebApplicationBuilder builder, CollabMode mode)
    {
        var sqlitePath = DataFolder.Resolve(builder.Configuration, builder.Environment, "collab.db");
        // Pooled: every store call takes a context for one statement or two, so building a fresh context (its
        // service scope, change tracker and state) each time was a large share of a chat send's CPU and
        // allocations (docs/benchmarks.md, section 5).
        builder.Services.AddPooledDbContextFactory<CollabDbContext>(options =>
        {
            if (mode.Postgres is { } postgres)
            {
                options.UseCollabPostgres(postgres);
            }
            else
            {
                options.UseCollabSqlite(sqlitePath);
            }
        });
        builder.Services.AddSingleton<IChatStore, EfChatStore>();
        builder.Services.AddSingleton<IReadMarkerStore, EfReadMarkerStore>();
        builder.Services.AddSingleton<ITodoStore, EfTodoStore>();
        builder.Services.AddSingleton<IDocumentStore, EfDocumentStore>();
        builder.Services.AddSingleton<EfRoomDirectory>();
        builder.Services.AddSingleton(sp => new CachingRoomDirectory(sp.GetRequiredService<EfRoomDirectory>()));
        builder.Services.AddSingleton<IRoomDirectory>(sp => sp.GetRequiredService<CachingRoomDirectory>());
        builder.Services.AddSingleton<DatabaseInitializer>();

        // Cookies and tokens must be readable by every instance: the keys live in the shared database.
        builder.Services.AddDataProtection()
            .SetApplicationName("CollabApp")
            .PersistKeysToDbContext<CollabDbContext>();
        return builder;
    }
}
