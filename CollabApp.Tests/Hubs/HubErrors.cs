using Microsoft.AspNetCore.SignalR;

namespace CollabApp.Tests.Hubs;

public static class HubErrors
{
    /// <summary>Asserts a call is refused with the protocol code, e.g. "invalid", and returns the message.</summary>
    public static async Task<string> AssertRefusedAsync(string code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<HubException>(call);
        Assert.Contains($"HubException: {code}: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
        return error.Message;
    }
}
