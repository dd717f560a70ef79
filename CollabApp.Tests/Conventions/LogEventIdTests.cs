using System.Reflection;
using CollabApp.Core;
using CollabApp.Hubs;
using Microsoft.Extensions.Logging;

namespace CollabApp.Tests.Conventions;

/// <summary>
/// A log event id names one message across the whole product, so that an alert or a log query on an id finds that
/// message and no other: every source-generated [LoggerMessage] of the product's assemblies has its own.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly Assembly[] ProductAssemblies = [typeof(CollabHub).Assembly, typeof(CollabError).Assembly];

    [Fact]
    public void EveryLoggerMessage_HasAnEventIdOfItsOwn()
    {
        var messages = ProductAssemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        var shared = messages
            .GroupBy(m => m.Attribute!.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}")
            .ToList();

        Assert.True(messages.Count > 20, $"found only {messages.Count} [LoggerMessage] methods: is the scan looking at the product?");
        Assert.True(shared.Count == 0, "event ids used by more than one message: " + string.Join("; ", shared));
    }
}
