using System.Globalization;
using System.Net;

namespace CollabApp.LoadTool;

/// <summary>Command-line options: <c>--name value</c> pairs and <c>--flag</c> switches after the mode.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    public Options(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }
            var name = args[i][2..];
            if (i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                _values[name] = args[++i];
            }
            else
            {
                _flags.Add(name);
            }
        }
    }

    public string String(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public string? OptionalString(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        _values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>
    /// The base URLs (<c>--urls a,b,c</c>); refuses any host that is not loopback, since this tool only ever loads
    /// servers on this machine.
    /// </summary>
    public IReadOnlyList<Uri> Urls()
    {
        var urls = String("urls", "http://127.0.0.1:8080")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u.TrimEnd('/'), UriKind.Absolute))
            .ToList();
        foreach (var url in urls)
        {
            var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
            if (!loopback || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"refusing {url}: only http(s) on loopback (127.0.0.0/8, localhost, [::1]) is allowed");
            }
        }
        return urls.Count > 0 ? urls : throw new ArgumentException("--urls is empty");
    }
}
