using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CollabApp.E2E.Infrastructure;

/// <summary>Graceful stop of a child process: SIGTERM, a grace period, then SIGKILL of its tree. Freezing and thawing.</summary>
public static class Signals
{
    private const int SigTerm = 15;
    private const int SigCont = 18;
    private const int SigStop = 19;

    /// <summary>SIGSTOP: the process answers nothing (its sockets stay open) until <see cref="Thaw"/>.</summary>
    public static void Freeze(Process process) => _ = Kill(process.Id, SigStop);

    public static void Thaw(Process process) => _ = Kill(process.Id, SigCont);

    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }
        _ = Kill(process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
