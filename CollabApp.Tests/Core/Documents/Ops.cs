using System.Text.Json;
using CollabApp.Core.Documents;

namespace CollabApp.Tests.Core.Documents;

/// <summary>Test shorthand: operations written in the protocol's JSON form.</summary>
internal static class Ops
{
    public static TextOperation Op(string json)
    {
        using var document = JsonDocument.Parse(json);
        return TextOperation.Parse(document.RootElement);
    }
}
