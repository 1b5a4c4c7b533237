using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// A deprecated Parquet INT96 value (12 bytes little endian): nanoseconds within the day in the first 8 bytes,
/// then the Julian day number. Laid out exactly as stored so PLAIN pages copy in bulk.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 12)]
internal readonly struct Int96 : IEquatable<Int96>
{
    [FieldOffset(0)] public readonly ulong NanosOfDay;
    [FieldOffset(8)] public readonly uint JulianDay;

    public Int96(ulong nanosOfDay, uint julianDay)
    {
        NanosOfDay = nanosOfDay;
        JulianDay = julianDay;
    }

    public bool Equals(Int96 other) => NanosOfDay == other.NanosOfDay && JulianDay == other.JulianDay;

    public override bool Equals(object? obj) => obj is Int96 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(NanosOfDay, JulianDay);

    public static bool operator ==(Int96 left, Int96 right) => left.Equals(right);

    public static bool operator !=(Int96 left, Int96 right) => !left.Equals(right);

    public override string ToString() => $"Int96(day {JulianDay}, {NanosOfDay} ns)";
}
