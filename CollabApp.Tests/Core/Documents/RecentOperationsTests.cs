using CollabApp.Core.Documents;

namespace CollabApp.Tests.Core.Documents;

public sealed class RecentOperationsTests
{
    private static OperationCommitted At(int revision) => new(revision, Ops.Op("[\"x\"]"), "u1", Guid.NewGuid().ToString());

    [Fact]
    public void KeepsTheNewest_UpToItsCapacity_InOrder()
    {
        var recent = new RecentOperations(capacity: 3);
        foreach (var revision in Enumerable.Range(1, 5))
        {
            recent.Add(At(revision));
        }

        Assert.Equal(3, recent.Count);
        Assert.Equal([3, 4, 5], recent.After(0).Select(o => o.Revision));
        Assert.Equal([5], recent.After(4).Select(o => o.Revision));
    }

    [Fact]
    public void ASnapshot_DropsWhatItsTextAlreadyHas()
    {
        var recent = new RecentOperations();
        foreach (var revision in Enumerable.Range(1, 4))
        {
            recent.Add(At(revision));
        }

        recent.DropThrough(2);

        Assert.Equal([3, 4], recent.After(0).Select(o => o.Revision));
    }
}
