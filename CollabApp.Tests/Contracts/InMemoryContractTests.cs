namespace CollabApp.Tests.Contracts;

// The embedded mode's ports through the contracts: one process, so every "instance" shares the same objects.

public sealed class InMemoryRoomEventLogTests : RoomEventLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryRoomEventBusTests : RoomEventBusContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryDocumentLogTests : DocumentLogContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryPresenceStoreTests : PresenceStoreContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryDocumentSequencerTests : DocumentSequencerContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryStoredEventsTests : StoredEventsContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryRateLimiterTests : RateLimiterContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryInstanceStatsStoreTests : InstanceStatsStoreContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}

public sealed class InMemoryConnectionSlotsTests : ConnectionSlotsContractTests
{
    protected override IBackplane CreateBackplane(BackplaneOptions options) => new InMemoryBackplane(options);
}
