using CollabApp.Core.Documents;

namespace CollabApp.Tests.Core.Documents;

/// <summary>What a cached copy does with operations heard from the room or brought by a refusal.</summary>
public sealed class CachedDocumentFollowTests
{
    [Fact]
    public void HeardOperations_ThatContinueTheCopy_AreApplied_AndOnesItHas_AreSkipped()
    {
        var copy = CopyAt("ab", Op(1, "u1", "c1", "x", 2));

        copy.Hear(Op(1, "u1", "c1", "x", 2));
        copy.Hear(Op(2, "u2", "c2", "y", 3));
        copy.ApplyHeard();

        Assert.True(copy.Loaded);
        Assert.Equal((2, "abxy"), (copy.Revision, copy.Text.ToString()));
    }

    [Fact]
    public void AHeardOperation_PastAGap_LeavesTheCopyBehind_NotWrong()
    {
        var copy = CopyAt("ab");

        copy.Hear(Op(2, "u2", "c2", "y", 2));
        copy.ApplyHeard();

        Assert.True(copy.Loaded);
        Assert.Equal((0, "ab"), (copy.Revision, copy.Text.ToString()));
    }

    // A Redis failover can take back an operation the copy followed; the log's own operation at that revision then differs.
    [Fact]
    public void AHeardOperation_OtherThanTheOneTheCopyHasAtItsRevision_MakesTheCopyReload()
    {
        var copy = CopyAt("ab", Op(1, "u1", "lost", "x", 2));

        copy.Hear(Op(1, "u2", "kept", "z", 2));
        copy.ApplyHeard();

        Assert.False(copy.Loaded);
    }

    [Fact]
    public void MissedOperations_OtherThanTheOneTheCopyHas_MakeTheCopyReload_AndAreNotApplied()
    {
        var copy = CopyAt("ab", Op(1, "u1", "lost", "x", 2));

        Assert.False(copy.CatchUpWith([Op(1, "u2", "kept", "z", 2), Op(2, "u2", "next", "w", 3)]));
        Assert.False(copy.Loaded);
        Assert.Equal(1, copy.Revision);
    }

    [Fact]
    public void AfterManyOperations_TheCopyKeepsTheNewestByRevision_AndStillTellsAnotherOperationAtOne()
    {
        var copy = CopyAt(string.Empty);
        for (var revision = 1; revision <= 400; revision++)
        {
            copy.Apply(Op(revision, "u1", $"c{revision}", "x", revision - 1));
        }

        Assert.Null(copy.RecentAfter(400 - CachedDocument.RecentOperations - 100));
        Assert.Equal([396, 397, 398, 399, 400], copy.RecentAfter(395)!.Select(o => o.Revision));
        Assert.True(copy.CatchUpWith([Op(398, "u1", "c398", "x", 397)]));
        Assert.False(copy.CatchUpWith([Op(398, "u2", "other", "x", 397)]));
        Assert.False(copy.Loaded);
    }

    private static CachedDocument CopyAt(string text, params OperationCommitted[] applied)
    {
        var copy = new CachedDocument();
        copy.Reset(new DocumentState(0, text));
        foreach (var operation in applied)
        {
            copy.Apply(operation);
        }
        return copy;
    }

    // Appends <paramref name="insert"/> to a text of <paramref name="length"/> units.
    private static OperationCommitted Op(int revision, string userId, string clientOpId, string insert, int length) =>
        new(revision, new TextOperation.Builder().Retain(length).Insert(insert).Build(), userId, clientOpId);
}
