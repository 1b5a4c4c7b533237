using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DeltaSharp.Benchmarks;

/// <summary>Runs an action once to warm up and then <c>runs</c> times, timing each run; state is reset
/// between runs outside the timing (a full GC, so that one run's garbage is not collected in the next).</summary>
internal static class Measure
{
    public static Sample[] Repeat(int runs, Func<Sample> once)
    {
        Settle();
        once();
        var times = new Sample[runs];
        for (var i = 0; i < runs; i++)
        {
            Settle();
            times[i] = once();
        }
        return times;
    }

    /// <summary>Times <paramref name="action"/>: wall-clock and this process's CPU time, in milliseconds.</summary>
    public static Sample Time(Action action)
    {
        var cpu = CpuTime();
        var start = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return new Sample(wall, (CpuTime() - cpu).TotalMilliseconds);
    }

    private static TimeSpan CpuTime()
    {
        // Process.TotalProcessorTime reads /proc in 10 ms ticks; the POSIX clock has nanosecond resolution.
        if (OperatingSystem.IsLinux() && NativeClock.ProcessCpu(out var t)) return t;
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    public static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static double MedianWall(IReadOnlyList<Sample> values) => Median(values.Select(v => v.Wall).ToArray());

    public static double MedianCpu(IReadOnlyList<Sample> values) => Median(values.Select(v => v.Cpu).ToArray());

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}

/// <summary>One timed run: wall-clock and process CPU milliseconds. The machine is shared, so CPU time of the
/// single-threaded work is the steadier measure; both are reported.</summary>
internal readonly record struct Sample(double Wall, double Cpu);

/// <summary>clock_gettime(CLOCK_PROCESS_CPUTIME_ID): CPU time of every thread of this process (glibc, 64-bit).</summary>
internal static partial class NativeClock
{
    private const int ClockProcessCpuTimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static bool ProcessCpu(out TimeSpan time)
    {
        time = default;
        if (ClockGetTime(ClockProcessCpuTimeId, out var ts) != 0) return false;
        time = TimeSpan.FromTicks(ts.Seconds * TimeSpan.TicksPerSecond + ts.Nanoseconds / 100);
        return true;
    }
}
