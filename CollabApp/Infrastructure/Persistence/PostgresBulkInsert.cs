using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>
/// A group commit's rows into PostgreSQL as one statement, <c>INSERT … SELECT * FROM unnest(one array per column) ON
/// CONFLICT DO NOTHING</c>: a handful of parameters whatever the batch size, no change tracking, and a row stored before
/// (a retry, or the sweeper storing what a live instance stores too) is skipped by the database within the same
/// statement instead of failing the batch. Under load this write is on every message's path, and EF Core's
/// SaveChanges (tracking each entity, one parameter per value) was the largest share of an instance's own CPU in a
/// profile of the capacity benchmark. The table and columns come from EF Core's model, so the mapping stays in one place.
/// </summary>
internal static partial class PostgresBulkInsert
{
    private static readonly ConcurrentDictionary<Type, Statement> Statements = new();

    public static Task<int> InsertIgnoringDuplicatesAsync<TEntity>(DbContext db, IReadOnlyList<TEntity> rows, CancellationToken cancellationToken)
        where TEntity : class
    {
        var statement = Statements.GetOrAdd(typeof(TEntity), _ => Statement.For(db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model")));
        var parameters = new object[statement.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = new NpgsqlParameter(Statement.ParameterName(i), statement.Columns[i].ValuesOf(rows));
        }
        // Through EF Core's execution strategy (raw SQL is not, by itself), so that an outage is reported as one.
        return db.Database.CreateExecutionStrategy().ExecuteAsync(
            (db, statement.Sql, parameters),
            static (state, token) => state.db.Database.ExecuteSqlRawAsync(state.Sql, state.parameters, token),
            cancellationToken);
    }

    private sealed record Column(string Name, string StoreType, Type ClrType, IClrPropertyGetter Getter)
    {
        public Array ValuesOf<TEntity>(IReadOnlyList<TEntity> rows)
            where TEntity : class
        {
            var values = Array.CreateInstance(ClrType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(Getter.GetClrValue(rows[i]), i);
            }
            return values;
        }
    }

    // A type's length or precision, as in "character varying(4000)" or "timestamp(3) with time zone".
    [System.Text.RegularExpressions.GeneratedRegex(@"\(\d+(,\s*\d+)?\)")]
    private static partial System.Text.RegularExpressions.Regex TypeModifier();

    private sealed record Statement(string Sql, IReadOnlyList<Column> Columns)
    {
        public static string ParameterName(int index) => $"p{index}";

        public static Statement For(IEntityType entity)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Select(property =>
            {
                // The arrays carry CLR values as they are: a value converter would need its provider type here.
                if (property.GetTypeMapping().Converter is not null)
                {
                    throw new NotSupportedException($"{entity.DisplayName()}.{property.Name} has a value converter");
                }
                return new Column(property.GetColumnName(table)!, property.GetRelationalTypeMapping().StoreType, property.ClrType, property.GetGetter());
            }).ToList();
            var target = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(table.Name)}" : Quote(table.Name);
            var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
            // Arrays of the unbounded type: an explicit cast to varchar(n) would cut a longer value short, where the
            // insert's own conversion to the column refuses it, as a plain insert does.
            var arrays = string.Join(", ", columns.Select((c, i) => $"@{ParameterName(i)}::{Unbounded(c.StoreType)}[]"));
            return new Statement($"INSERT INTO {target} ({names}) SELECT * FROM unnest({arrays}) ON CONFLICT DO NOTHING", columns);
        }

        private static string Unbounded(string storeType) => TypeModifier().Replace(storeType, string.Empty);

        private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
