using System.Text.Json;

namespace CollabApp.Components.Shared;

/// <summary>
/// What the room page's panels send to and read from their browser modules, as JSON values written and read here with one
/// set of options for the whole process. A circuit's JS runtime keeps its own serializer metadata for every type that
/// crosses it, about a kilobyte for each (a record, its array, an enum, a nullable, an anonymous shape), in every
/// circuit for as long as it lives (docs/benchmarks.md, "The framework's own circuit"). Sent as a
/// <see cref="JsonElement"/>, every shape costs the circuit one type, the element, and this process one copy of the
/// rest (issue 13). The names are camelCase and enums numbers, as the JS runtime writes them. These options lack the
/// runtime's converters for object references, streams and byte arrays: a payload holding one of those goes as an
/// argument of its own.
/// </summary>
public static class BrowserJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 32 };

    public static JsonElement Of<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    /// <summary>The value as a <typeparamref name="T"/>; the default when there is none (null, or no value at all).</summary>
    /// <exception cref="JsonException">The browser sent something else than a <typeparamref name="T"/>.</exception>
    public static T? Read<T>(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? default : value.Deserialize<T>(Options);
}
