using System.Diagnostics;
using System.Globalization;

namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>What reading one corrupted file did.</summary>
internal enum Outcome { Read, FormatError, Known, Failure }

/// <summary>A case that broke a rule: wrong exception type, a message that does not name the file, too much
/// memory, or a hang.</summary>
internal sealed record CaseFailure(long Case, int Seed, string Source, string Mutation, string Problem)
{
    public override string ToString() => $"case {Case} (seed {Seed}) {Source}: {Mutation}\n    -> {Problem}";
}

internal sealed class RunSummary
{
    public long Cases;
    public long Read;
    public long FormatErrors;
    public long FailureCount;
    public readonly List<CaseFailure> Failures = [];
    public TimeSpan Elapsed;
    public TimeSpan SlowestCase;
    public string SlowestDescription = "";
    public long MostAllocated;
    public string MostAllocatedDescription = "";
    public readonly Dictionary<string, int> Messages = [];
    public readonly Dictionary<string, int> Known = [];

    public string Report()
    {
        var known = Known.Count == 0 ? "" : "\nknown issues (not failed): " + string.Join("; ", Known.Select(kv => $"{kv.Value} × {kv.Key}"));
        var top = string.Join("\n", Messages.OrderByDescending(kv => kv.Value).Take(12).Select(kv => $"  {kv.Value,6} × {kv.Key}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Cases} cases in {Elapsed.TotalSeconds:F1} s: {Read} read, {FormatErrors} ParquetFormatException, {FailureCount} failures; " +
            $"\nslowest {SlowestCase.TotalMilliseconds:F0} ms ({SlowestDescription})\nmost allocated {MostAllocated / (1 << 20)} MB ({MostAllocatedDescription})\nmost frequent errors:\n{top}{known}");
    }
}

/// <summary>
/// Runs corruption cases on one worker thread while the calling thread watches it: every case (Open and read all
/// batches) must finish within <see cref="Timeout"/>, allocate less than <see cref="MaxAllocatedBytes"/>, and either
/// succeed or throw <see cref="ParquetFormatException"/> whose FilePath is the file read.
/// </summary>
internal static class CorruptionRunner
{
    public static TimeSpan Timeout { get; } = TimeSpan.FromMilliseconds(EnvInt("DELTASHARP_CORRUPTION_TIMEOUT_MS", 10_000));

    public static long MaxAllocatedBytes { get; } = EnvInt("DELTASHARP_CORRUPTION_MAX_ALLOC_MB", 1024) * (1L << 20);

    public static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v : fallback;

    /// <summary>Opens <paramref name="path"/> and decodes every batch (small batches, so batch boundaries are exercised).</summary>
    public static void ReadAll(string path, int batchSize)
    {
        using var reader = ParquetFileReader.Open(path);
        foreach (var batch in reader.ReadBatches(new ParquetReadOptions { BatchSize = batchSize }))
            GC.KeepAlive(batch);
    }

    /// <summary>Runs cases [0, count): <paramref name="make"/> produces (source name, mutation, bytes) for a case.</summary>
    public static RunSummary Run(int masterSeed, long count, Func<long, Random, (string Source, Mutant Mutant)> make, int maxFailures = 25,
        Action<string, int>? read = null, TimeSpan? timeout = null, long? maxAllocatedBytes = null)
    {
        read ??= ReadAll;
        var limit = timeout ?? Timeout;
        var maxAllocated = maxAllocatedBytes ?? MaxAllocatedBytes;
        var summary = new RunSummary();
        var dir = Directory.CreateTempSubdirectory("deltasharp-corrupt-");
        var path = Path.Combine(dir.FullName, "case.parquet");
        long current = -1;
        long startedTicks = 0;
        string currentDescription = "";
        var done = false;
        Exception? crash = null;
        var clock = Stopwatch.StartNew();

        var worker = new Thread(() =>
        {
            try
            {
                var only = EnvInt("DELTASHARP_CORRUPTION_ONLY", -1); // reproduce one case by its number
                for (long i = only >= 0 ? only : 0; i < (only >= 0 ? only + 1 : count) && !Volatile.Read(ref done); i++)
                {
                    var seed = CaseSeed(masterSeed, i);
                    var r = new Random(seed);
                    var (source, mutant) = make(i, r);
                    File.WriteAllBytes(path, mutant.Bytes);
                    var batchSize = r.Next(2) == 0 ? 8192 : r.Next(1, 100);
                    currentDescription = $"case {i} (seed {seed}) {source}: {mutant.Description}";
                    Volatile.Write(ref startedTicks, clock.ElapsedTicks);
                    Volatile.Write(ref current, i);
                    var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                    var caseClock = Stopwatch.StartNew();
                    string? problem = null;
                    var outcome = Outcome.Read;
                    try
                    {
                        read(path, batchSize);
                    }
                    catch (ParquetFormatException e)
                    {
                        outcome = Outcome.FormatError;
                        if (e.FilePath != path || !e.Message.StartsWith(path + ": ", StringComparison.Ordinal))
                            problem = $"ParquetFormatException does not name the file: {e.Message}";
                        // A runtime exception wrapped by the reader's safety net is input that no check caught, and its
                        // message does not say what is wrong. A decompressor rejecting its input is the expected path.
                        for (var inner = e.InnerException; inner is not null && problem is null; inner = inner.InnerException)
                        {
                            if (inner is ParquetFormatException) continue;
                            if (inner is InvalidDataException || inner.GetType().Namespace == "System.IO.Compression") break;
                            problem = $"no check caught this input: {inner.GetType().Name} wrapped as \"{e.Message}\"\n{Trim(inner.StackTrace)}";
                        }
                        lock (summary)
                        {
                            summary.Messages[Normalize(e.Problem ?? e.Message)] = summary.Messages.GetValueOrDefault(Normalize(e.Problem ?? e.Message)) + 1;
                        }
                    }
                    catch (Exception e)
                    {
                        if (KnownIssues.Match(e, mutant.Description) is { } known)
                        {
                            outcome = Outcome.Known;
                            lock (summary) summary.Known[known] = summary.Known.GetValueOrDefault(known) + 1;
                        }
                        else
                        {
                            problem = $"{e.GetType().FullName}: {e.Message}\n{Trim(e.StackTrace)}";
                        }
                    }
                    caseClock.Stop();
                    var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
                    if (allocated > maxAllocated) problem ??= $"allocated {allocated / (1 << 20)} MB reading a {mutant.Bytes.Length}-byte file";
                    lock (summary)
                    {
                        summary.Cases++;
                        if (problem is not null)
                        {
                            outcome = Outcome.Failure;
                            summary.FailureCount++;
                            if (summary.Failures.Count < maxFailures) summary.Failures.Add(new CaseFailure(i, seed, source, mutant.Description, problem));
                        }
                        if (outcome == Outcome.Read) summary.Read++;
                        else if (outcome == Outcome.FormatError) summary.FormatErrors++;
                        if (caseClock.Elapsed > summary.SlowestCase)
                        {
                            summary.SlowestCase = caseClock.Elapsed;
                            summary.SlowestDescription = currentDescription;
                        }
                        if (allocated > summary.MostAllocated)
                        {
                            summary.MostAllocated = allocated;
                            summary.MostAllocatedDescription = currentDescription;
                        }
                    }
                    Volatile.Write(ref current, -1);
                }
            }
            catch (Exception e)
            {
                crash = e;
            }
            finally
            {
                Volatile.Write(ref done, true);
            }
        }, maxStackSize: 16 << 20)
        {
            IsBackground = true, // a hung case must not keep the test process alive
            Name = "corruption-worker",
        };
        worker.Start();

        while (!Volatile.Read(ref done))
        {
            Thread.Sleep(20);
            if (Volatile.Read(ref current) >= 0)
            {
                var running = TimeSpan.FromSeconds((clock.ElapsedTicks - Volatile.Read(ref startedTicks)) / (double)Stopwatch.Frequency);
                if (running > limit && Volatile.Read(ref current) >= 0)
                {
                    lock (summary)
                    {
                        summary.FailureCount++;
                        summary.Failures.Add(new CaseFailure(current, 0, "", currentDescription, $"did not finish within {limit.TotalSeconds} s (hang?)"));
                    }
                    Volatile.Write(ref done, true);
                    summary.Elapsed = clock.Elapsed;
                    return summary; // the worker is abandoned; the file is left for inspection
                }
            }
        }
        worker.Join();
        summary.Elapsed = clock.Elapsed;
        try
        {
            dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
        if (crash is not null) throw new InvalidOperationException("The corruption harness itself failed.", crash);
        return summary;
    }

    /// <summary>A deterministic seed per case (HashCode is randomized per process, so it cannot be used).</summary>
    public static int CaseSeed(int masterSeed, long i)
    {
        // SplitMix64 finalizer over (master seed, case number).
        var z = ((ulong)(uint)masterSeed << 32 ^ (ulong)i) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }

    private static string Trim(string? stack) =>
        stack is null ? "" : string.Join("\n", stack.Split('\n').Take(8));

    /// <summary>Groups messages by replacing numbers, so the summary lists kinds of errors.</summary>
    private static string Normalize(string message)
    {
        var chars = message.ToCharArray();
        var sb = new System.Text.StringBuilder();
        var inNumber = false;
        foreach (var c in chars)
        {
            if (char.IsAsciiDigit(c) || (c == '-' && !inNumber && sb.Length > 0 && sb[^1] == ' '))
            {
                if (!inNumber) sb.Append('#');
                inNumber = true;
            }
            else
            {
                inNumber = false;
                sb.Append(c);
            }
        }
        var s = sb.ToString();
        return s.Length > 140 ? s[..140] : s;
    }
}
