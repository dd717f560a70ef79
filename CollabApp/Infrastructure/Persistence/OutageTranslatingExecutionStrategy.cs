using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// EF Core runs every query, save and bulk update through the context's execution strategy, so this is where a
/// database outage becomes Core's <c>unavailable</c> error (<see cref="DatabaseOutages"/>), for the stores here and for
/// everything else on <see cref="CollabDbContext"/> (accounts, rooms, data-protection keys) alike. It does not retry:
/// a collaborative call that failed is answered at once and the client retries (docs/protocol.md). A unit of work with
/// its own transaction runs inside <c>Database.CreateExecutionStrategy().ExecuteAsync</c>, so that opening and
/// committing it are covered too.
/// </summary>
internal sealed class OutageTranslatingExecutionStrategy(ExecutionStrategyDependencies dependencies) : IExecutionStrategy
{
    public bool RetriesOnFailure => false;

    public TResult Execute<TState, TResult>(
        TState state, Func<DbContext, TState, TResult> operation, Func<DbContext, TState, ExecutionResult<TResult>>? verifySucceeded)
    {
        try
        {
            return operation(dependencies.CurrentContext.Context, state);
        }
        catch (Exception error) when (DatabaseOutages.IsOutage(error))
        {
            throw DatabaseOutages.Unavailable();
        }
    }

    public async Task<TResult> ExecuteAsync<TState, TResult>(
        TState state,
        Func<DbContext, TState, CancellationToken, Task<TResult>> operation,
        Func<DbContext, TState, CancellationToken, Task<ExecutionResult<TResult>>>? verifySucceeded,
        CancellationToken cancellationToken = default)
    {
        try
        {
            return await operation(dependencies.CurrentContext.Context, state, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (DatabaseOutages.IsOutage(error))
        {
            throw DatabaseOutages.Unavailable();
        }
    }
}
