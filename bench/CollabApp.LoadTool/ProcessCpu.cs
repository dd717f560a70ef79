using System.Globalization;

namespace CollabApp.LoadTool;

/// <summary>
/// CPU time of named processes on this machine, read from /proc/&lt;pid&gt;/stat (utime + stime). A name covers its
/// root pid and every descendant alive at the sample, because PostgreSQL serves each connection from a child of
/// the postmaster. Also the machine's busy share from /proc/stat, which includes whatever else runs here: the
/// machine is shared, so a step's numbers are read next to it.
/// </summary>
internal sealed class ProcessCpu
{
    // USER_HZ: the unit of /proc/<pid>/stat times. 100 on every Linux build this tool targets (x64, arm64);
    // the kernel exports it to user space as a constant, not per machine.
    private const double TicksPerSecond = 100;
    private readonly IReadOnlyList<(string Name, int Pid)> _roots;

    public ProcessCpu(IReadOnlyList<(string Name, int Pid)> roots) => _roots = roots;

    /// <summary><c>--procs a=123,b=456,redis=789,postgres=1011</c>; the load tool itself is always included as <c>loadtool</c>.</summary>
    public static ProcessCpu FromOption(string? value)
    {
        var roots = new List<(string, int)>();
        foreach (var pair in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
            {
                throw new ArgumentException($"--procs: '{pair}' is not name=pid");
            }
            roots.Add((parts[0], pid));
        }
        roots.Add(("loadtool", Environment.ProcessId));
        return new ProcessCpu(roots);
    }

    public Sample Take()
    {
        var parents = new Dictionary<int, int>();
        var ticks = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ReadStat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
                ticks[pid] = stat.Ticks;
            }
        }
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, root) in _roots)
        {
            long sum = 0;
            foreach (var (pid, t) in ticks)
            {
                if (IsWithin(pid, root, parents))
                {
                    sum += t;
                }
            }
            seconds[name] = sum / TicksPerSecond;
        }
        return new Sample(seconds, MachineTicks());
    }

    /// <summary>The CPU seconds each name used between two samples, and the machine's busy share in percent of all cores.</summary>
    public static (Dictionary<string, double> Seconds, double MachineBusyPercent) Between(Sample before, Sample after)
    {
        var used = before.Seconds.ToDictionary(kv => kv.Key, kv => Math.Round(after.Seconds.GetValueOrDefault(kv.Key) - kv.Value, 2), StringComparer.Ordinal);
        var total = after.Machine.Total - before.Machine.Total;
        var busy = total - (after.Machine.Idle - before.Machine.Idle);
        return (used, total > 0 ? Math.Round(100.0 * busy / total, 1) : 0);
    }

    /// <summary>/proc/loadavg as written (1, 5, 15 minute averages, runnable/total, last pid).</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    private static bool IsWithin(int pid, int root, Dictionary<int, int> parents)
    {
        for (var p = pid; p > 1; p = parents.GetValueOrDefault(p))
        {
            if (p == root)
            {
                return true;
            }
        }
        return false;
    }

    private static (int Parent, long Ticks)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may contain spaces: fields are counted after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // After the name: state(3) ppid(4) ... utime(14) stime(15), i.e. indexes 1, 11 and 12 here.
        return (int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    private static (long Total, long Idle) MachineTicks()
    {
        // "cpu  user nice system idle iowait irq softirq steal guest guest_nice"; guest time is already in user.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var values = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (values.Sum(), values[3] + values[4]);
    }

    internal sealed record Sample(Dictionary<string, double> Seconds, (long Total, long Idle) Machine);
}
