using Microsoft.Extensions.Options;

namespace CollabApp.Hosting;

/// <summary>This instance's name: <c>Collab:InstanceId</c>, or the host name plus a random suffix.</summary>
public sealed class InstanceIdentity(IOptions<CollabOptions> options)
{
    public string Id { get; } = options.Value.InstanceId
        ?? $"{Environment.MachineName.ToLowerInvariant()}-{Random.Shared.Next(0x1000, 0xFFFF):x4}";
}
