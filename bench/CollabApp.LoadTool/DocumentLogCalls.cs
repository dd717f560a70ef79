using System.Globalization;
using System.Text.RegularExpressions;

namespace CollabApp.LoadTool;

/// <summary>
/// The servers' count of round trips to the document log (<c>collab_document_log_calls_total</c> on /metrics), by
/// call and outcome, summed over the instances: read before and after a phase, the difference says how many round
/// trips its submissions cost, a measure the machine's load does not move.
/// </summary>
internal static partial class DocumentLogCalls
{
    public static async Task<IReadOnlyDictionary<string, double>> ReadAsync(IReadOnlyList<Uri> urls, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var url in urls)
        {
            var text = await http.GetStringAsync(new Uri(url, "/metrics"), cancellationToken);
            foreach (Match line in Series().Matches(text))
            {
                var key = $"{line.Groups["call"].Value}:{line.Groups["outcome"].Value}";
                totals[key] = totals.GetValueOrDefault(key) + double.Parse(line.Groups["value"].Value, CultureInfo.InvariantCulture);
            }
        }
        return totals;
    }

    /// <summary>Per key, what <paramref name="after"/> adds to <paramref name="before"/>, divided by <paramref name="per"/>.</summary>
    public static IReadOnlyDictionary<string, double> PerUnit(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after, int per) =>
        after.ToDictionary(
            entry => entry.Key,
            entry => Math.Round((entry.Value - before.GetValueOrDefault(entry.Key)) / Math.Max(1, per), 3),
            StringComparer.Ordinal);

    // A Prometheus sample of the counter; the labels come in any order.
    [GeneratedRegex("""^collab_document_log_calls_total\{(?=[^}]*call="(?<call>[^"]+)")(?=[^}]*outcome="(?<outcome>[^"]+)")[^}]*\}\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex Series();
}
