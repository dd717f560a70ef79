using CollabApp.Core;
using CollabApp.Core.Rooms;
using CollabApp.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace CollabApp.Accounts;

/// <summary>Registration and password checks, shared by the HTTP API and the sign-in pages.</summary>
public sealed class AccountService(UserManager<AppUser> users, SignInManager<AppUser> signIn)
{
    /// <summary>
    /// Creates the account and returns its user. Refused with <see cref="CollabError"/>: <c>invalid</c> naming each
    /// argument refused (<c>userName</c>, <c>password</c>, <c>displayName</c>) with its reasons, <c>conflict</c> when the
    /// user name is taken (case-insensitively).
    /// </summary>
    public async Task<AppUser> RegisterAsync(string? userName, string? password, string? displayName)
    {
        var errors = new Dictionary<string, string[]>();
        if (!InputRules.IsValidUserName(userName))
        {
            errors["userName"] = ["User name must be 3-32 characters of letters, digits, '_', '.' and '-'."];
        }
        if (password is null || password.Length < InputRules.MinPasswordLength || string.IsNullOrWhiteSpace(password))
        {
            errors["password"] = [$"Password must be at least {InputRules.MinPasswordLength} characters."];
        }
        else if (password.Length > 256)
        {
            errors["password"] = ["Password must be at most 256 characters."];
        }
        var display = string.IsNullOrWhiteSpace(displayName) ? userName : displayName.Trim();
        if (display is not null && (display.Length > InputRules.MaxDisplayNameLength || !InputRules.IsWellFormedUtf16(display)))
        {
            errors["displayName"] = [$"Display name must be at most {InputRules.MaxDisplayNameLength} characters."];
        }
        if (errors.Count > 0)
        {
            throw CollabError.Invalid(errors);
        }
        if (await users.FindByNameAsync(userName!) is not null)
        {
            throw NameTaken();
        }
        var user = new AppUser { UserName = userName, DisplayName = display! };
        var created = await users.CreateAsync(user, password!);
        if (created.Succeeded)
        {
            return user;
        }
        if (created.Errors.Any(e => e.Code is "DuplicateUserName"))
        {
            throw NameTaken();
        }
        throw CollabError.Invalid(new Dictionary<string, string[]>
        {
            ["password"] = [.. created.Errors.Select(e => e.Description)],
        });
    }

    /// <summary>
    /// The user when the password is right. Failures lock nothing (anyone could lock anyone out that way): guessing is
    /// slowed by <see cref="AccountThrottle"/> instead, per address and per account name from an address.
    /// </summary>
    public async Task<AppUser?> CheckPasswordAsync(string? userName, string? password)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) || userName.Length > 64 || password.Length > 256)
        {
            return null;
        }
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            return null;
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        return result.Succeeded ? user : null;
    }

    private static CollabError NameTaken() => CollabError.Conflict("That user name is taken.");
}
