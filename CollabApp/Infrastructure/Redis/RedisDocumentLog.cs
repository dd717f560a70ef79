using System.Text.Json;
using CollabApp.Core;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using StackExchange.Redis;
using EventId = CollabApp.Core.Events.EventId;

namespace CollabApp.Infrastructure.Redis;

/// <summary>
/// The scaled mode's sequencer state, shared by every instance: per document a head revision, a capped list of
/// the newest operations (their event ids: each is stored once, in the room stream) and the client op keys, changed
/// only by one Lua script per commit that also appends the <c>operation</c> event to the room stream and publishes it
/// (<see cref="RedisDocumentScripts"/>).
/// </summary>
public sealed class RedisDocumentLog(IConnectionMultiplexer redis, RedisKeys keys, UnstoredRoomList unstoredRooms, DocumentOptions docOptions, EventLogOptions eventOptions, RoomEventCatalog types, TimeProvider time) : IDocumentLog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<DocumentCommit> TryCommitAsync(
        string roomId, int expectedHead, IReadOnlyList<OperationCommitted> operations, DateTimeOffset at, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var database = redis.GetDatabase();
            unstoredRooms.List(database, roomId, time.GetUtcNow());
            var arguments = new List<RedisValue>(7 + (2 * operations.Count))
            {
                expectedHead, docOptions.RetainedOps, eventOptions.RetainedEvents, eventOptions.RetainedBytes, keys.ChannelName(roomId),
                eventOptions.MaxUnstoredEvents, keys.PublishCommand,
            };
            foreach (var operation in operations)
            {
                arguments.Add(ClientOpKey(operation));
                arguments.Add(RoomEventJson.SerializeUncommitted(roomId, DocumentEventTypes.Operation, at, operation));
            }
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                RedisDocumentScripts.TryCommit,
                [
                    keys.DocumentHead(roomId), keys.DocumentOps(roomId), keys.DocumentKeys(roomId),
                    keys.Events(roomId), keys.Idempotency(roomId), keys.IdempotencyAge(roomId), keys.EventsTrimmed(roomId),
                    keys.Unstored(roomId), keys.EventBytes(roomId),
                ],
                [.. arguments]).ConfigureAwait(false))!;
            return (int)result[0] switch
            {
                0 => new DocumentCommit(DocumentCommitStatus.Committed, (int)result[1], [.. result.Skip(2).Select(StreamId)]),
                1 => new DocumentCommit(DocumentCommitStatus.Duplicate, (int)result[1], DuplicateIndex: (int)result[2]),
                2 => new DocumentCommit(DocumentCommitStatus.Stale, (int)result[1], Missed: History((RedisResult[])result[2]!)),
                3 => new DocumentCommit(DocumentCommitStatus.NotSeeded, 0),
                _ => throw CollabError.Unavailable("the database is behind; nothing was changed. Try again shortly."),
            };
        });

    public Task<DocumentHistory> ReadAfterAsync(string roomId, int afterRevision, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(async () =>
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                RedisDocumentScripts.ReadAfter,
                [keys.DocumentHead(roomId), keys.DocumentOps(roomId), keys.Events(roomId)],
                [afterRevision]).ConfigureAwait(false))!;
            return History(result);
        });

    public Task SeedAsync(string roomId, int headRevision, IReadOnlyList<OperationCommitted> newestOperations, CancellationToken cancellationToken) =>
        RedisCalls.GuardAsync(() =>
        {
            var arguments = new List<RedisValue>(2 + (3 * newestOperations.Count)) { headRevision, docOptions.RetainedOps };
            foreach (var operation in newestOperations)
            {
                arguments.Add(JsonSerializer.Serialize(operation, Json));
                arguments.Add(ClientOpKey(operation));
                arguments.Add(operation.Revision);
            }
            return redis.GetDatabase().ScriptEvaluateAsync(
                RedisDocumentScripts.Seed,
                [keys.DocumentHead(roomId), keys.DocumentOps(roomId), keys.DocumentKeys(roomId)],
                [.. arguments]);
        });

    // ReadAfter's answer (RedisDocumentScripts): {0}, {1, 0, head} or {1, 1, head, {kind, json, ...}}.
    private DocumentHistory History(RedisResult[] result)
    {
        if ((int)result[0] == 0)
        {
            return DocumentHistory.NotSeeded;
        }
        var head = (int)result[2];
        if ((int)result[1] == 0)
        {
            return new DocumentHistory(true, false, head, []);
        }
        var found = (RedisResult[])result[3]!;
        var operations = new List<OperationCommitted>(found.Length / 2);
        for (var i = 0; i < found.Length; i += 2)
        {
            var json = (string)found[i + 1]!;
            operations.Add((string)found[i]! == "e"
                ? (OperationCommitted)RoomEventJson.Deserialize(json, types).Data
                : JsonSerializer.Deserialize<OperationCommitted>(json, Json)!);
        }
        return new DocumentHistory(true, true, head, operations);
    }

    private static EventId StreamId(RedisResult id) =>
        EventId.TryParse((string?)id, out var parsed) ? parsed : throw new InvalidOperationException($"not a stream id: {id}");

    // The same key as the in-memory log: it is also the operation event's idempotency key in the room stream.
    private static string ClientOpKey(OperationCommitted operation) => $"op:{operation.UserId}:{operation.ClientOpId}";
}
