using CollabApp.Core.Rooms;
using CollabApp.Hosting;
using Microsoft.Extensions.Options;

namespace CollabApp.Observability;

/// <summary>Admins are named in configuration (<c>Collab:Admins</c>, user names, case-insensitive).</summary>
public sealed class AdminAccess(IOptions<CollabOptions> options)
{
    public bool IsAdmin(CollabUser user) =>
        options.Value.Admins.Contains(user.UserName, StringComparer.OrdinalIgnoreCase);
}
