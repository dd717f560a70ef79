using Microsoft.AspNetCore.Identity;

namespace CollabApp.Infrastructure.Persistence;

/// <summary>An account; <see cref="DisplayName"/> is what other people see.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
}
