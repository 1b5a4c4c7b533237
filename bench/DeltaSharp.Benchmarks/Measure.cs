using System.Diagnostics;

namespace DeltaSharp.Benchmarks;

/// <summary>Runs an action once to warm up and then <c>runs</c> times, timing each run; state is reset
/// between runs outside the timing (a full GC, so that one run's garbage is not collected in the next).</summary>
internal static class Measure
{
    public static double[] Repeat(int runs, Func<double> once)
    {
        Settle();
        once();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            Settle();
            times[i] = once();
        }
        return times;
    }

    /// <summary>Times <paramref name="action"/> in milliseconds.</summary>
    public static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    public static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
