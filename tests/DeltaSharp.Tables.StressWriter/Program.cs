using System.Globalization;
using DeltaSharp.Columnar;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.StressWriter;

/// <summary>
/// A separate writer process for the multi-process tests of DeltaSharp.Tables.Tests (Writing/MultiProcessTests):
/// <list type="bullet">
/// <item><c>append &lt;table&gt; &lt;writer&gt; &lt;commits&gt;</c>: that many blind-append commits, one row (writer, seq) each.</item>
/// <item><c>conflict &lt;table&gt; delete|update &lt;readyFile&gt; &lt;goFile&gt;</c>: prepares a removal of the table's only
/// file (update also writes a replacement), creates readyFile, waits for goFile, commits; prints
/// <c>COMMITTED v</c> or <c>CONFLICT errorClass winningVersion</c>.</item>
/// <item><c>crash &lt;table&gt; &lt;writer&gt;</c>: appends (and now and then deletes a file) until killed, printing
/// <c>C v</c> after each commit.</item>
/// </list>
/// The table schema is (writer: int, seq: long). Exit code 0 on success, 1 on an unexpected error (printed).
/// </summary>
public static class Program
{
    public static readonly StructType Schema = new(new StructField("writer", DataType.Integer), new StructField("seq", DataType.Long));

    public static int Main(string[] args)
    {
        try
        {
            return args.Length > 0 ? args[0] switch
            {
                "append" when args.Length == 4 => Append(args[1], Int(args[2]), Int(args[3])),
                "conflict" when args.Length == 5 => Conflict(args[1], args[2], args[3], args[4]),
                "crash" when args.Length == 3 => Crash(args[1], Int(args[2])),
                _ => Usage(),
            } : Usage();
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: append <table> <writer> <commits> | conflict <table> delete|update <readyFile> <goFile> | crash <table> <writer>");
        return 1;
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    public static ColumnBatch Rows(int writer, long firstSeq, int count)
    {
        var batch = ColumnBatch.Create(Schema, Math.Max(1, count));
        var w = (PrimitiveVector<int>)batch.Columns[0];
        var s = (PrimitiveVector<long>)batch.Columns[1];
        for (var i = 0; i < count; i++)
        {
            w.Append(writer);
            s.Append(firstSeq + i);
        }
        batch.RowCount = count;
        return batch;
    }

    private static int Append(string root, int writer, int commits)
    {
        var table = DeltaTable.ForPath(root);
        var attempts = 0;
        for (var seq = 0; seq < commits; seq++)
        {
            var txn = table.Latest().StartTransaction("WRITE").SetOperationParameter("mode", "Append");
            txn.WriteData([Rows(writer, seq, 1)]);
            attempts += txn.Commit().Attempts;
        }
        Console.WriteLine($"DONE {commits} commits in {attempts} attempts");
        return 0;
    }

    private static int Conflict(string root, string kind, string readyFile, string goFile)
    {
        var snapshot = DeltaTable.ForPath(root).Latest();
        var file = snapshot.ActiveFiles.Single();
        var txn = snapshot.StartTransaction(kind == "delete" ? "DELETE" : "UPDATE").ReadFiles([file]).Remove(file);
        if (kind == "update") txn.WriteData([Rows(99, 0, 1)]);
        File.WriteAllText(readyFile, "ready");
        while (!File.Exists(goFile)) Thread.Sleep(2);
        try
        {
            Console.WriteLine($"COMMITTED {txn.Commit().Version}");
        }
        catch (DeltaConcurrentModificationException e)
        {
            Console.WriteLine($"CONFLICT {e.ErrorClass} {e.WinningVersion}");
        }
        return 0;
    }

    // One line per commit, so the parent knows the writer is past its start-up before it kills it.
    private static void Report(CommitResult result)
    {
        Console.Out.WriteLine($"C {result.Version}");
        Console.Out.Flush();
    }

    private static int Crash(string root, int writer)
    {
        var table = DeltaTable.ForPath(root);
        var random = new Random(writer);
        for (long seq = 0; ; seq++)
        {
            var snapshot = table.Latest();
            if (snapshot.ActiveFiles.Count > 4 && random.Next(4) == 0)
            {
                var victim = snapshot.ActiveFiles[random.Next(snapshot.ActiveFiles.Count)];
                try { Report(snapshot.StartTransaction("DELETE").ReadFiles([victim]).Remove(victim).Commit()); }
                catch (DeltaConcurrentModificationException) { }
                continue;
            }
            var txn = snapshot.StartTransaction("WRITE");
            txn.WriteData([Rows(writer, seq * 100, 1 + random.Next(50))]);
            Report(txn.Commit());
        }
    }
}
