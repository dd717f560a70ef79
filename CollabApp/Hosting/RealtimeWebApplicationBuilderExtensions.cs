using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.SignalR;
using CollabApp.Core.Chat;
using CollabApp.Core.Documents;
using CollabApp.Core.Events;
using CollabApp.Core.Presence;
using CollabApp.Core.Rooms;
using CollabApp.Core.Sessions;
using CollabApp.Core.Todos;
using CollabApp.Core.Protection;
using CollabApp.Hubs;
using CollabApp.Observability;
using CollabApp.Protection;
using Microsoft.Extensions.Options;

namespace CollabApp.Hosting;

public static class RealtimeWebApplicationBuilderExtensions
{
    /// <summary>The key of the room event log without the commit counter (registered by each mode).</summary>
    public const string UnmeteredEventLog = "unmetered";

    /// <summary>The key of the document log without the operation counter (registered by each mode).</summary>
    public const string UnmeteredDocumentLog = "unmetered";

    /// <summary>
    /// The Core services and the ports under them: in-process implementations in the embedded mode, Redis
    /// ones when scaled (<see cref="RedisWebApplicationBuilderExtensions"/>). Both run the same Core code.
    /// </summary>
    public static WebApplicationBuilder AddCollabRealtime(this WebApplicationBuilder builder, CollabMode mode)
    {
        var services = builder.Services;
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.RefreshSeconds is null || (o.RefreshSeconds >= 1 && o.RefreshSeconds < o.TtlSeconds), "Collab:Presence:RefreshSeconds must be at least 1 and less than TtlSeconds (or unset: half the TTL).")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PresenceOptions>>().Value);
        services.AddSingleton(sp => new EventLogOptions { RetainedEvents = Limits(sp).RetainedEvents, RetainedBytes = Limits(sp).RetainedEventBytes });
        services.AddOptions<DocumentSettings>().BindConfiguration(DocumentSettings.SectionName).ValidateDataAnnotations()
            .Validate(d => d.CacheIdleSeconds >= d.SnapshotIdleSeconds, "Collab:Documents:CacheIdleSeconds must be at least SnapshotIdleSeconds.")
            .Validate<IOptions<LimitsOptions>>(
                (d, limits) => d.CacheMegabytes >= DocumentSettings.MinimumCacheMegabytes(limits.Value),
                "Collab:Documents:CacheMegabytes must hold four of the longest documents (Collab:Limits:MaxDocumentLength at two bytes a unit).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var documents = sp.GetRequiredService<IOptions<DocumentSettings>>().Value;
            var limits = Limits(sp);
            return new DocumentOptions
            {
                SnapshotEvery = documents.SnapshotEvery,
                SnapshotIdleSeconds = documents.SnapshotIdleSeconds,
                CacheIdleSeconds = documents.CacheIdleSeconds,
                CacheBudgetBytes = documents.CacheMegabytes * 1024L * 1024,
                MaxDocumentLength = limits.MaxDocumentLength,
                MaxOperationComponents = limits.MaxOperationComponents,
                RetainedOps = limits.RetainedOps,
                RetainedBytes = limits.RetainedEventBytes,
            };
        });
        services.AddOptions<RealtimeOptions>().BindConfiguration(RealtimeOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.ClientTimeoutSeconds > o.KeepAliveSeconds, "Collab:Realtime:ClientTimeoutSeconds must be greater than KeepAliveSeconds.")
            .ValidateOnStart();
        services.AddSingleton(sp => new FanoutOptions { QueueCapacity = sp.GetRequiredService<IOptions<RealtimeOptions>>().Value.SubscriberQueueCapacity });

        if (mode.IsScaled)
        {
            builder.AddCollabRedis(mode.Redis!);
        }
        else
        {
            services.AddSingleton<InMemoryRoomEventBus>();
            services.AddSingleton<IRoomEventBus>(sp => sp.GetRequiredService<InMemoryRoomEventBus>());
            services.AddSingleton<InMemoryRoomEventLog>();
            services.AddKeyedSingleton<IRoomEventLog>(UnmeteredEventLog, (sp, _) => sp.GetRequiredService<InMemoryRoomEventLog>());
            // Unmetered underneath: the metered document log counts each committed operation, once.
            services.AddSingleton(sp => new InMemoryDocumentLog(sp.GetRequiredKeyedService<IRoomEventLog>(UnmeteredEventLog), sp.GetRequiredService<DocumentOptions>()));
            services.AddKeyedSingleton<IDocumentLog>(UnmeteredDocumentLog, (sp, _) => sp.GetRequiredService<InMemoryDocumentLog>());
            services.AddSingleton<IPresenceStore, InMemoryPresenceStore>();
            services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<InMemoryRateLimiter>());
            services.AddSingleton<IConnectionSlots, InMemoryConnectionSlots>();
            services.AddSingleton<IReplicaBarrier>(NoReplicaBarrier.Instance);
        }
        // Metered here, once, over whichever mode's logs: everything else that asks for the logs gets the counting ones.
        services.AddSingleton<IRoomEventLog>(sp => new MeteredRoomEventLog(sp.GetRequiredKeyedService<IRoomEventLog>(UnmeteredEventLog), sp.GetRequiredService<CollabMetrics>()));
        services.AddSingleton<IDocumentLog>(sp => new MeteredDocumentLog(sp.GetRequiredKeyedService<IDocumentLog>(UnmeteredDocumentLog), sp.GetRequiredService<CollabMetrics>()));
        services.AddSingleton<UserConnectionCaps>();
        services.AddHostedService<ConnectionSlotRenewer>();
        services.AddSingleton<InMemoryRateLimiter>();
        services.TryAddSingleton<HubCallLimiter>();

        services.AddSingleton<RoomAccess>();
        services.AddSingleton<RoomChangeBus>();
        services.AddSingleton<Rooms.RoomMembership>();
        services.AddSingleton<Rooms.IRoomAdministration>(sp => sp.GetRequiredService<Rooms.RoomMembership>());
        services.AddHostedService<Rooms.RoomChangeListener>();
        // The fan-out only reads the log (catching up after a gap); the metered log counts commits and needs the metrics,
        // whose gauges read the fan-out: the plain log keeps that from being a cycle.
        services.AddSingleton(sp => new RoomFanout(
            sp.GetRequiredService<IRoomEventBus>(), sp.GetRequiredKeyedService<IRoomEventLog>(UnmeteredEventLog), sp.GetRequiredService<FanoutOptions>()));
        services.AddSingleton<BackplaneStatus>();
        services.AddSingleton<LocalConnections>();
        services.AddSingleton<PresenceService>();
        services.AddCollabRoomEvents();
        services.AddSingleton<ChatService>();
        services.AddSingleton<ReadMarkerService>();
        services.AddSingleton(sp => new TodoOptions { MaxTodosPerRoom = Limits(sp).MaxTodosPerRoom });
        services.AddSingleton<TodoService>();
        // The document copies follow the operations this instance hears, so most submissions find theirs at the head.
        services.AddSingleton(sp =>
        {
            var documents = ActivatorUtilities.CreateInstance<DocumentService>(sp);
            sp.GetRequiredService<RoomFanout>().Observe(documents.FollowCommitted);
            return documents;
        });
        services.AddSingleton<SnapshotSharing>();
        services.AddSingleton<RoomSessions>();
        services.AddHostedService<PresenceHeartbeat>();
        services.AddHostedService<DocumentSnapshotter>();
        services.AddHostedService<UnstoredEventSweeper>();
        services.AddHostedService<UnpublishedTodoSweeper>();

        services.AddSingleton<HubConnections>();
        services.AddSingleton<SerializedRoomEvents>();
        services.AddSingleton<HubRoomSubscriptions>();
        services.AddSingleton<RefusalLog>();
        services.AddSingleton<CollabHubFilter>();
        // Added in code, after the configuration's rules, so it wins over them: see DispatcherLogCategory.
        // Critical is above anything that logger writes.
        builder.Logging.AddFilter(CollabHubFilter.DispatcherLogCategory, LogLevel.Critical);
        var signalR = services.AddSignalR(options =>
        {
            options.EnableDetailedErrors = false;
            // Stateful reconnect replays what a briefly dropped client missed without a rejoin; bounded
            // per connection so a flaky client cannot hold much memory.
            options.StatefulReconnectBufferSize = 256 * 1024;
        });
        // The per-connection call limit of docs/protocol.md and error mapping are for CollabHub only. On the global
        // HubOptions they would also apply to Blazor's circuit hub, whose framework calls (browser events,
        // render acknowledgements, JS interop calls and results) far exceed 20 a second while someone types:
        // the refused ones were dropped silently and the room page lost clicks, keystrokes and editor ops.
        // AddHubOptions also registers the setup that copies the global options into CollabHub's first, so
        // the settings below apply on top of them.
        signalR.AddHubOptions<CollabHub>(options => options.AddFilter<CollabHubFilter>());
        services.AddOptions<HubOptions<CollabHub>>()
            .Configure<IOptions<LimitsOptions>, IOptions<RealtimeOptions>>((options, limits, realtime) =>
            {
                options.MaximumReceiveMessageSize = limits.Value.MaxMessageBytes;
                // The server pings every KeepAlive; a client silent for ClientTimeout is dropped, which ends
                // its presence at once instead of after the presence TTL.
                options.KeepAliveInterval = TimeSpan.FromSeconds(realtime.Value.KeepAliveSeconds);
                options.ClientTimeoutInterval = TimeSpan.FromSeconds(realtime.Value.ClientTimeoutSeconds);
            });
        // Hub clients may negotiate MessagePack: the same values in the same JSON shape (JsonShapedMessagePack).
        signalR.AddMessagePackProtocol();
        services.AddOptions<MessagePackHubProtocolOptions>()
            .Configure<IOptions<JsonHubProtocolOptions>>((options, json) => options.SerializerOptions = JsonShapedMessagePack.Options(json.Value.PayloadSerializerOptions));
        if (mode.IsScaled)
        {
            signalR.AddCollabBackplane(mode.Redis!);
        }
        else
        {
            services.AddKeyedSingleton<HubLifetimeManager<CollabHub>, DefaultHubLifetimeManager<CollabHub>>(TrackingHubLifetimeManager.InnerKey);
        }
        // The room event pumps write to the connections themselves (HubRoomSubscriptions), which only the manager sees open.
        services.AddSingleton<HubLifetimeManager<CollabHub>>(sp => new TrackingHubLifetimeManager(
            sp.GetRequiredKeyedService<HubLifetimeManager<CollabHub>>(TrackingHubLifetimeManager.InnerKey), sp.GetRequiredService<HubConnections>()));
        return builder;
    }

    private static LimitsOptions Limits(IServiceProvider services) => services.GetRequiredService<IOptions<LimitsOptions>>().Value;
}
