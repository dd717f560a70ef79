using CollabApp.Core.Protection;

namespace CollabApp.Tests.Contracts;

/// <summary>
/// What every <see cref="IConnectionSlots"/> must do: named sets of at most a limit of holders, shared by every instance.
/// (A slot's lapse after <see cref="IConnectionSlots.Lifetime"/> runs on the Redis server's clock, so it is not waited for here.)
/// </summary>
public abstract class ConnectionSlotsContractTests
{
    protected abstract IBackplane CreateBackplane(BackplaneOptions options);

    [Fact]
    public async Task ASet_HoldsUpToItsLimit_AcrossInstances_AndAHolderRetakesItsOwnSlot()
    {
        await using var backplane = CreateBackplane(new());
        var first = (await backplane.AddInstanceAsync().DefaultTimeout()).Slots;
        var second = (await backplane.AddInstanceAsync().DefaultTimeout()).Slots;
        var (set, otherSet) = (NewSet(), NewSet());

        Assert.True(await first.TryTakeAsync(set, "c1", limit: 2, default).DefaultTimeout());
        Assert.True(await second.TryTakeAsync(set, "c2", limit: 2, default).DefaultTimeout());
        Assert.False(await first.TryTakeAsync(set, "c3", limit: 2, default).DefaultTimeout());
        Assert.True(await second.TryTakeAsync(set, "c1", limit: 2, default).DefaultTimeout());

        Assert.Equal(2, await first.CountAsync(set, default).DefaultTimeout());
        Assert.True(await second.TryTakeAsync(otherSet, "c3", limit: 2, default).DefaultTimeout());
        Assert.Equal(1, await first.CountAsync(otherSet, default).DefaultTimeout());
        Assert.Equal(0, await first.CountAsync(NewSet(), default).DefaultTimeout());
    }

    [Fact]
    public async Task Releasing_FreesTheSlotForAnother_OnAnyInstance()
    {
        await using var backplane = CreateBackplane(new());
        var first = (await backplane.AddInstanceAsync().DefaultTimeout()).Slots;
        var second = (await backplane.AddInstanceAsync().DefaultTimeout()).Slots;
        var set = NewSet();
        Assert.True(await first.TryTakeAsync(set, "c1", limit: 1, default).DefaultTimeout());
        Assert.False(await second.TryTakeAsync(set, "c2", limit: 1, default).DefaultTimeout());

        await first.ReleaseAsync(set, "c1", default).DefaultTimeout();
        await first.ReleaseAsync(set, "never-held", default).DefaultTimeout();

        Assert.Equal(0, await second.CountAsync(set, default).DefaultTimeout());
        Assert.True(await second.TryTakeAsync(set, "c2", limit: 1, default).DefaultTimeout());
    }

    [Fact]
    public async Task Renewing_KeepsHeldSlots_AndTakesNone()
    {
        await using var backplane = CreateBackplane(new());
        var slots = (await backplane.AddInstanceAsync().DefaultTimeout()).Slots;
        var (set, untouched) = (NewSet(), NewSet());
        Assert.True(await slots.TryTakeAsync(set, "c1", limit: 2, default).DefaultTimeout());

        await slots.RenewAsync([(set, "c1"), (set, "never-held"), (untouched, "never-held")], default).DefaultTimeout();

        Assert.Equal(1, await slots.CountAsync(set, default).DefaultTimeout());
        Assert.Equal(0, await slots.CountAsync(untouched, default).DefaultTimeout());
        Assert.True(await slots.TryTakeAsync(set, "c2", limit: 2, default).DefaultTimeout());
    }

    private static string NewSet() => $"set-{Guid.NewGuid():N}";
}
