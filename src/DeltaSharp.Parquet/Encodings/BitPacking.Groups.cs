using System.Runtime.CompilerServices;

namespace DeltaSharp.Parquet.Encodings;

// Width-specialised unpacking of whole groups of 8 LSB-first values (RLE/bit-packed hybrid, DELTA miniblocks).
// A group of 8 values of w bits is exactly w bytes, so from a byte-aligned start value j of the group lies at bit
// j*w; with w a JIT-time constant (a struct type argument) every byte offset, shift and mask folds to an immediate
// and the 8 loads are independent. The generic per-value loop in BitPacking remains the scalar twin (and handles
// heads, tails and unaligned starts); tests cross-check both against a naive bit-by-bit reference.
internal static partial class BitPacking
{
    private interface IWidth
    {
        static abstract int Bits { get; }
    }

    private struct W1 : IWidth { public static int Bits => 1; }
    private struct W2 : IWidth { public static int Bits => 2; }
    private struct W3 : IWidth { public static int Bits => 3; }
    private struct W4 : IWidth { public static int Bits => 4; }
    private struct W5 : IWidth { public static int Bits => 5; }
    private struct W6 : IWidth { public static int Bits => 6; }
    private struct W7 : IWidth { public static int Bits => 7; }
    private struct W8 : IWidth { public static int Bits => 8; }
    private struct W9 : IWidth { public static int Bits => 9; }
    private struct W10 : IWidth { public static int Bits => 10; }
    private struct W11 : IWidth { public static int Bits => 11; }
    private struct W12 : IWidth { public static int Bits => 12; }
    private struct W13 : IWidth { public static int Bits => 13; }
    private struct W14 : IWidth { public static int Bits => 14; }
    private struct W15 : IWidth { public static int Bits => 15; }
    private struct W16 : IWidth { public static int Bits => 16; }
    private struct W17 : IWidth { public static int Bits => 17; }
    private struct W18 : IWidth { public static int Bits => 18; }
    private struct W19 : IWidth { public static int Bits => 19; }
    private struct W20 : IWidth { public static int Bits => 20; }
    private struct W21 : IWidth { public static int Bits => 21; }
    private struct W22 : IWidth { public static int Bits => 22; }
    private struct W23 : IWidth { public static int Bits => 23; }
    private struct W24 : IWidth { public static int Bits => 24; }
    private struct W25 : IWidth { public static int Bits => 25; }
    private struct W26 : IWidth { public static int Bits => 26; }
    private struct W27 : IWidth { public static int Bits => 27; }
    private struct W28 : IWidth { public static int Bits => 28; }
    private struct W29 : IWidth { public static int Bits => 29; }
    private struct W30 : IWidth { public static int Bits => 30; }
    private struct W31 : IWidth { public static int Bits => 31; }
    private struct W32 : IWidth { public static int Bits => 32; }

    /// <summary>Unpacks <paramref name="groups"/> groups of 8 values of <paramref name="bitWidth"/> (1..32) bits from
    /// a byte-aligned <paramref name="src"/>; the caller guarantees <c>groups * bitWidth + 8</c> readable bytes.
    /// Returns the values written.</summary>
    private static int UnpackGroups32(int bitWidth, ref byte src, ref int dst, int groups)
    {
        switch (bitWidth)
        {
            case 1: return UnpackGroups32<W1>(ref src, ref dst, groups);
            case 2: return UnpackGroups32<W2>(ref src, ref dst, groups);
            case 3: return UnpackGroups32<W3>(ref src, ref dst, groups);
            case 4: return UnpackGroups32<W4>(ref src, ref dst, groups);
            case 5: return UnpackGroups32<W5>(ref src, ref dst, groups);
            case 6: return UnpackGroups32<W6>(ref src, ref dst, groups);
            case 7: return UnpackGroups32<W7>(ref src, ref dst, groups);
            case 8: return UnpackGroups32<W8>(ref src, ref dst, groups);
            case 9: return UnpackGroups32<W9>(ref src, ref dst, groups);
            case 10: return UnpackGroups32<W10>(ref src, ref dst, groups);
            case 11: return UnpackGroups32<W11>(ref src, ref dst, groups);
            case 12: return UnpackGroups32<W12>(ref src, ref dst, groups);
            case 13: return UnpackGroups32<W13>(ref src, ref dst, groups);
            case 14: return UnpackGroups32<W14>(ref src, ref dst, groups);
            case 15: return UnpackGroups32<W15>(ref src, ref dst, groups);
            case 16: return UnpackGroups32<W16>(ref src, ref dst, groups);
            case 17: return UnpackGroups32<W17>(ref src, ref dst, groups);
            case 18: return UnpackGroups32<W18>(ref src, ref dst, groups);
            case 19: return UnpackGroups32<W19>(ref src, ref dst, groups);
            case 20: return UnpackGroups32<W20>(ref src, ref dst, groups);
            case 21: return UnpackGroups32<W21>(ref src, ref dst, groups);
            case 22: return UnpackGroups32<W22>(ref src, ref dst, groups);
            case 23: return UnpackGroups32<W23>(ref src, ref dst, groups);
            case 24: return UnpackGroups32<W24>(ref src, ref dst, groups);
            case 25: return UnpackGroups32<W25>(ref src, ref dst, groups);
            case 26: return UnpackGroups32<W26>(ref src, ref dst, groups);
            case 27: return UnpackGroups32<W27>(ref src, ref dst, groups);
            case 28: return UnpackGroups32<W28>(ref src, ref dst, groups);
            case 29: return UnpackGroups32<W29>(ref src, ref dst, groups);
            case 30: return UnpackGroups32<W30>(ref src, ref dst, groups);
            case 31: return UnpackGroups32<W31>(ref src, ref dst, groups);
            case 32: return UnpackGroups32<W32>(ref src, ref dst, groups);
            default: return 0;
        }
    }

    private static int UnpackGroups64(int bitWidth, ref byte src, ref long dst, int groups)
    {
        switch (bitWidth)
        {
            case 1: return UnpackGroups64<W1>(ref src, ref dst, groups);
            case 2: return UnpackGroups64<W2>(ref src, ref dst, groups);
            case 3: return UnpackGroups64<W3>(ref src, ref dst, groups);
            case 4: return UnpackGroups64<W4>(ref src, ref dst, groups);
            case 5: return UnpackGroups64<W5>(ref src, ref dst, groups);
            case 6: return UnpackGroups64<W6>(ref src, ref dst, groups);
            case 7: return UnpackGroups64<W7>(ref src, ref dst, groups);
            case 8: return UnpackGroups64<W8>(ref src, ref dst, groups);
            case 9: return UnpackGroups64<W9>(ref src, ref dst, groups);
            case 10: return UnpackGroups64<W10>(ref src, ref dst, groups);
            case 11: return UnpackGroups64<W11>(ref src, ref dst, groups);
            case 12: return UnpackGroups64<W12>(ref src, ref dst, groups);
            case 13: return UnpackGroups64<W13>(ref src, ref dst, groups);
            case 14: return UnpackGroups64<W14>(ref src, ref dst, groups);
            case 15: return UnpackGroups64<W15>(ref src, ref dst, groups);
            case 16: return UnpackGroups64<W16>(ref src, ref dst, groups);
            case 17: return UnpackGroups64<W17>(ref src, ref dst, groups);
            case 18: return UnpackGroups64<W18>(ref src, ref dst, groups);
            case 19: return UnpackGroups64<W19>(ref src, ref dst, groups);
            case 20: return UnpackGroups64<W20>(ref src, ref dst, groups);
            case 21: return UnpackGroups64<W21>(ref src, ref dst, groups);
            case 22: return UnpackGroups64<W22>(ref src, ref dst, groups);
            case 23: return UnpackGroups64<W23>(ref src, ref dst, groups);
            case 24: return UnpackGroups64<W24>(ref src, ref dst, groups);
            case 25: return UnpackGroups64<W25>(ref src, ref dst, groups);
            case 26: return UnpackGroups64<W26>(ref src, ref dst, groups);
            case 27: return UnpackGroups64<W27>(ref src, ref dst, groups);
            case 28: return UnpackGroups64<W28>(ref src, ref dst, groups);
            case 29: return UnpackGroups64<W29>(ref src, ref dst, groups);
            case 30: return UnpackGroups64<W30>(ref src, ref dst, groups);
            case 31: return UnpackGroups64<W31>(ref src, ref dst, groups);
            case 32: return UnpackGroups64<W32>(ref src, ref dst, groups);
            default: return 0;
        }
    }

    private static int UnpackGroups32<TW>(ref byte src, ref int dst, int groups) where TW : struct, IWidth
    {
        var w = TW.Bits;
        var mask = (1UL << w) - 1;
        for (var g = 0; g < groups; g++)
        {
            ref var p = ref Unsafe.Add(ref src, (nint)g * w);
            ref var d = ref Unsafe.Add(ref dst, (nint)g * 8);
            Unsafe.Add(ref d, 0) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (0 * w) >> 3)) >> ((0 * w) & 7)) & mask);
            Unsafe.Add(ref d, 1) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (1 * w) >> 3)) >> ((1 * w) & 7)) & mask);
            Unsafe.Add(ref d, 2) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (2 * w) >> 3)) >> ((2 * w) & 7)) & mask);
            Unsafe.Add(ref d, 3) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (3 * w) >> 3)) >> ((3 * w) & 7)) & mask);
            Unsafe.Add(ref d, 4) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (4 * w) >> 3)) >> ((4 * w) & 7)) & mask);
            Unsafe.Add(ref d, 5) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (5 * w) >> 3)) >> ((5 * w) & 7)) & mask);
            Unsafe.Add(ref d, 6) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (6 * w) >> 3)) >> ((6 * w) & 7)) & mask);
            Unsafe.Add(ref d, 7) = (int)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (7 * w) >> 3)) >> ((7 * w) & 7)) & mask);
        }
        return groups * 8;
    }

    private static int UnpackGroups64<TW>(ref byte src, ref long dst, int groups) where TW : struct, IWidth
    {
        var w = TW.Bits;
        var mask = (1UL << w) - 1;
        for (var g = 0; g < groups; g++)
        {
            ref var p = ref Unsafe.Add(ref src, (nint)g * w);
            ref var d = ref Unsafe.Add(ref dst, (nint)g * 8);
            Unsafe.Add(ref d, 0) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (0 * w) >> 3)) >> ((0 * w) & 7)) & mask);
            Unsafe.Add(ref d, 1) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (1 * w) >> 3)) >> ((1 * w) & 7)) & mask);
            Unsafe.Add(ref d, 2) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (2 * w) >> 3)) >> ((2 * w) & 7)) & mask);
            Unsafe.Add(ref d, 3) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (3 * w) >> 3)) >> ((3 * w) & 7)) & mask);
            Unsafe.Add(ref d, 4) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (4 * w) >> 3)) >> ((4 * w) & 7)) & mask);
            Unsafe.Add(ref d, 5) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (5 * w) >> 3)) >> ((5 * w) & 7)) & mask);
            Unsafe.Add(ref d, 6) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (6 * w) >> 3)) >> ((6 * w) & 7)) & mask);
            Unsafe.Add(ref d, 7) = (long)((Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, (7 * w) >> 3)) >> ((7 * w) & 7)) & mask);
        }
        return groups * 8;
    }
}
