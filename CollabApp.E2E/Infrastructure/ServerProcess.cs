using System.Diagnostics;

namespace CollabApp.E2E.Infrastructure;

/// <summary>
/// A server the tests start as a child process (the app, redis-server, nginx): its output kept for failure
/// messages, a wait until it is ready that fails fast when it exits, SIGKILL for crash tests, and a
/// graceful stop.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private readonly Process _process;
    private readonly ProcessOutput _output = new();
    private readonly string _name;

    private ServerProcess(Process process, string name)
    {
        _process = process;
        _name = name;
        _output.Attach(process);
    }

    /// <summary>What the process wrote so far (the last few hundred lines).</summary>
    public string Output => _output.ToString();

    /// <summary>A mark in the output, to read what came after it (<see cref="OutputSince"/>).</summary>
    public long OutputMark => _output.Written;

    /// <summary>What the process wrote after <paramref name="mark"/> (of it, what is still held).</summary>
    public string OutputSince(long mark) => _output.Since(mark);

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="start"/> with its output captured.</summary>
    public static ServerProcess Start(ProcessStartInfo start, string name)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        return new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start."), name);
    }

    /// <summary>
    /// Polls <paramref name="ready"/> until it holds. Fails with the process's output (and <paramref name="details"/>)
    /// when the process exits first or the timeout passes.
    /// </summary>
    public async Task WaitUntilReadyAsync(Func<Task<bool>> ready, TimeSpan timeout, string what, Func<string>? details = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_name} exited with code {_process.ExitCode} before {what}:\n{Output}\n{details?.Invoke()}");
            }
            if (await ready())
            {
                return;
            }
            await Task.Delay(Poll);
        }
        throw new TimeoutException($"{_name} did not {what} within {timeout.TotalSeconds} s:\n{Output}\n{details?.Invoke()}");
    }

    /// <summary>SIGKILL, no shutdown: a crash.</summary>
    /// <summary>SIGSTOP until <see cref="Thaw"/>: a server that stops answering without closing anything.</summary>
    public void Freeze() => Signals.Freeze(_process);

    public void Thaw() => Signals.Thaw(_process);

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    /// <summary>SIGTERM, then SIGKILL after a grace period.</summary>
    public async ValueTask DisposeAsync()
    {
        await Signals.StopAsync(_process, TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
