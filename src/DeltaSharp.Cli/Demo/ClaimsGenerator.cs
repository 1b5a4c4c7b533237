using System.Globalization;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Cli.Demo;

/// <summary>
/// Deterministic synthetic member claims (the demo's and the benchmarks' table): row i always has the same
/// values, so runs and engines can be compared on identical data.
/// </summary>
public static class ClaimsGenerator
{
    public static readonly StructType Schema = new(
        new StructField("claim_id", DataType.String),
        new StructField("member_id", DataType.String),
        new StructField("provider_npi", DataType.String),
        new StructField("diagnosis_code", DataType.String),
        new StructField("claim_amount", new DecimalType(10, 2)),
        new StructField("service_date", DataType.Date),
        new StructField("adjudication_status", DataType.String),
        new StructField("last_updated", DataType.Timestamp));

    private static readonly string[] Diagnoses = BuildDiagnoses();
    private static readonly string[] Statuses = ["APPROVED", "APPROVED", "APPROVED", "PAID", "PAID", "DENIED", "PENDING", "ADJUSTED"];
    private static readonly int StartDay = ValueConverter.DaysFromDate(new DateOnly(2024, 1, 1));

    private static string[] BuildDiagnoses()
    {
        var letters = "EIJKMNRZ";
        var list = new string[200];
        for (var i = 0; i < list.Length; i++)
            list[i] = string.Create(CultureInfo.InvariantCulture, $"{letters[i % letters.Length]}{10 + i % 89:D2}.{i % 10}");
        return list;
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64 finaliser: a fixed, well-distributed hash of the row number.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>Generates rows [start, start+count) as one batch.</summary>
    public static ColumnBatch Generate(long start, int count)
    {
        var batch = ColumnBatch.Create(Schema, count);
        var claimId = (BinaryVector)batch.Columns[0];
        var member = (BinaryVector)batch.Columns[1];
        var npi = (BinaryVector)batch.Columns[2];
        var dx = (BinaryVector)batch.Columns[3];
        var amount = (PrimitiveVector<long>)batch.Columns[4];
        var date = (PrimitiveVector<int>)batch.Columns[5];
        var status = (BinaryVector)batch.Columns[6];
        var updated = (PrimitiveVector<long>)batch.Columns[7];
        claimId.EnsureDataCapacity(count * 13);
        member.EnsureDataCapacity(count * 11);
        npi.EnsureDataCapacity(count * 10);
        Span<byte> buf = stackalloc byte[32];
        var diagBytes = Diagnoses.Select(Encoding.ASCII.GetBytes).ToArray();
        var statusBytes = Statuses.Select(Encoding.ASCII.GetBytes).ToArray();
        for (var k = 0; k < count; k++)
        {
            var i = start + k;
            var h = Mix((ulong)i);
            var h2 = Mix(h);
            claimId.Append(Format(buf, "CLM", i, 10));
            member.Append(Format(buf, "MBR", (long)(h % 1_000_000), 8));
            npi.Append(Format(buf, "", 1_000_000_000 + (long)(h2 % 50_000) * 7919 % 9_000_000_000, 10));
            dx.Append(diagBytes[(h >> 20) % (ulong)diagBytes.Length]);
            // Null amounts on ~1% of pending claims, to exercise nulls in the benchmark's data.
            var st = (int)((h >> 40) % (ulong)statusBytes.Length);
            status.Append(statusBytes[st]);
            if (st == 6 && (h2 & 3) == 0) amount.AppendNull();
            else amount.Append((long)((h2 >> 8) % 2_500_000) + 500);
            var day = StartDay + (int)((h >> 12) % 730);
            date.Append(day);
            updated.Append((day + 3 + (long)((h2 >> 30) % 60)) * 86_400_000_000L + (long)((h2 >> 3) % 86_400_000_000L));
        }
        batch.RowCount = count;
        return batch;
    }

    private static ReadOnlySpan<byte> Format(Span<byte> buf, string prefix, long value, int digits)
    {
        var p = 0;
        foreach (var c in prefix) buf[p++] = (byte)c;
        for (var d = digits - 1; d >= 0; d--)
        {
            buf[p + d] = (byte)('0' + value % 10);
            value /= 10;
        }
        return buf[..(p + digits)];
    }
}
