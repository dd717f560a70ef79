namespace CollabApp.Tests.Core;

public class SkeletonTests
{
    [Fact]
    public void CoreAssembly_HasNoAspNetReference()
    {
        var references = typeof(CollabApp.Core.CollabError).Assembly.GetReferencedAssemblies();
        Assert.DoesNotContain(references, r => r.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
