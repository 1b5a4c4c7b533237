using DeltaSharp.Cli.Commands;
using DeltaSharp.Parquet;

namespace DeltaSharp.Cli;

/// <summary>The <c>deltasharp</c> command. Errors go to stderr with exit code 1; usage errors exit with 2.</summary>
public static class Program
{
    public const string Usage = """
        usage:
          deltasharp parquet schema FILE
          deltasharp parquet meta FILE
          deltasharp parquet cat FILE [--columns a,b] [--limit N] [--format table|jsonl]
          deltasharp delta history TABLE [--limit N]
          deltasharp delta snapshot|files TABLE [--version N | --timestamp T]
          deltasharp delta cat TABLE [--version N | --timestamp T] [--columns a,b] [--limit N] [--format table|jsonl]
          deltasharp demo [--warehouse DIR] [--rows N]
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var a = new Args(args);
            switch (a.Next())
            {
                case "parquet":
                    switch (a.Next())
                    {
                        case "schema": return ParquetCommands.Schema(a.RequireFile(), a, stdout);
                        case "meta": return ParquetCommands.Meta(a.RequireFile(), a, stdout);
                        case "cat": return ParquetCommands.Cat(a.RequireFile(), a, stdout);
                        case var other: throw new UsageException(other is null ? "missing parquet subcommand" : $"unknown parquet subcommand '{other}'");
                    }
                case "delta":
                    switch (a.Next())
                    {
                        case "history": return DeltaCommands.History(a.RequireTable(), a, stdout);
                        case "snapshot": return DeltaCommands.Snapshot(a.RequireTable(), a, stdout);
                        case "files": return DeltaCommands.Files(a.RequireTable(), a, stdout);
                        case "cat": return DeltaCommands.Cat(a.RequireTable(), a, stdout);
                        case var other: throw new UsageException(other is null ? "missing delta subcommand" : $"unknown delta subcommand '{other}'");
                    }
                case "demo": return DemoCommand.Run(a, stdout);
                case "--help" or "-h" or "help":
                    stdout.WriteLine(Usage);
                    return 0;
                case var cmd: throw new UsageException(cmd is null ? "missing command" : $"unknown command '{cmd}'");
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine(Usage);
            return 2;
        }
        catch (ParquetFormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("DELTASHARP_DEBUG") is "1") stderr.WriteLine(e.ToString());
            return 1;
        }
        catch (DeltaSharp.Tables.DeltaException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            if (Environment.GetEnvironmentVariable("DELTASHARP_DEBUG") is "1") stderr.WriteLine(e.ToString());
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
    }
}

public sealed class UsageException(string message) : Exception(message)
{
    public UsageException() : this("usage error") { }
    public UsageException(string message, Exception inner) : this(message + ": " + inner.Message) { }
}

/// <summary>Positional arguments and --name value options, in any order after the command words.</summary>
public sealed class Args
{
    private readonly List<string> _positional = [];
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private int _next;

    public Args(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var s = args[i];
            if (s.StartsWith("--", StringComparison.Ordinal) && s.Length > 2)
            {
                var eq = s.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0) _options[s[2..eq]] = s[(eq + 1)..];
                else if (i + 1 < args.Length) _options[s[2..]] = args[++i];
                else throw new UsageException($"option {s} needs a value");
            }
            else
            {
                _positional.Add(s);
            }
        }
    }

    public string? Next() => _next < _positional.Count ? _positional[_next++] : null;

    public string RequireFile()
    {
        var f = Next() ?? throw new UsageException("missing FILE");
        if (!File.Exists(f)) throw new IOException($"file not found: {f}");
        return f;
    }

    public string RequireTable()
    {
        var t = Next() ?? throw new UsageException("missing TABLE (a folder with a _delta_log)");
        if (!Directory.Exists(t)) throw new IOException($"table folder not found: {t}");
        return t;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public int? IntOption(string name)
    {
        var v = Option(name);
        if (v is null) return null;
        return int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n : throw new UsageException($"--{name} needs a non-negative integer, got '{v}'");
    }
}
