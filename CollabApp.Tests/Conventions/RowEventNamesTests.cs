using System.Reflection;
using System.Text.RegularExpressions;
using CollabApp.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace CollabApp.Tests.Conventions;

/// <summary>
/// The row events exist twice: declared to the Razor compiler (<see cref="EventHandlers"/>) and registered with Blazor
/// in the browser (<c>wwwroot/js/shared/row-events.mjs</c>). A name on one side only is an attribute that never fires.
/// </summary>
public sealed partial class RowEventNamesTests
{
    [Fact]
    public void TheBrowserRegistersEveryRowEventTheServerDeclares()
    {
        var declared = typeof(EventHandlers).GetCustomAttributes<EventHandlerAttribute>()
            .Select(a => a.AttributeName["on".Length..]).Order().ToArray();
        var script = File.ReadAllText(Path.Combine(RepositoryRoot(), "wwwroot", "js", "shared", "row-events.mjs"));
        var registered = EventNames().Matches(TypesBlock().Match(script).Groups["body"].Value)
            .Select(m => m.Groups["name"].Value).Order().ToArray();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, registered);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CollabApp.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("CollabApp.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"rowEventTypes = \{(?<body>[^}]*)\}")]
    private static partial Regex TypesBlock();

    [GeneratedRegex(@"(?<name>\w+):")]
    private static partial Regex EventNames();
}
