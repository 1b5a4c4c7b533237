using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Source-generated bindings to the system zstd library (zstd.h, stable API). The logical name "libzstd" is
/// resolved to the first of <see cref="Candidates"/> that loads: "libzstd.so.1" is what Debian's libzstd1 ships
/// (the unversioned libzstd.so only comes with the -dev package).
/// </summary>
internal static partial class ZstdNative
{
    private const string Library = "libzstd";

    /// <summary>What <see cref="ParquetFormatException"/> says when the library is missing.</summary>
    public const string MissingMessage = "ZSTD needs the system library libzstd.so.1 (Debian package libzstd1)";

    private static readonly string[] Candidates =
        ["libzstd.so.1", "libzstd.so", "libzstd.1.dylib", "libzstd.dylib", "libzstd", "zstd"];

    private static readonly nint Handle = Load();

    /// <summary>True when a zstd library was found and loaded.</summary>
    public static bool IsAvailable => Handle != 0;

    private static nint Load()
    {
        nint handle = 0;
        foreach (string name in Candidates)
        {
            if (NativeLibrary.TryLoad(name, typeof(ZstdNative).Assembly, DllImportSearchPath.SafeDirectories, out handle))
            {
                break;
            }
        }

        if (handle != 0)
        {
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(ZstdNative).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another resolver owns this assembly; the default probing of "libzstd" may still find it.
            }
        }

        return handle;
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == Library ? Handle : 0;

    [LibraryImport(Library)]
    public static partial nuint ZSTD_compressBound(nuint srcSize);

    [LibraryImport(Library)]
    public static partial int ZSTD_minCLevel();

    [LibraryImport(Library)]
    public static partial int ZSTD_maxCLevel();

    [LibraryImport(Library)]
    public static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    public static partial nint ZSTD_getErrorName(nuint code);

    [LibraryImport(Library)]
    public static partial int ZSTD_getErrorCode(nuint code);

    [LibraryImport(Library)]
    public static partial ZstdCompressContext ZSTD_createCCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeCCtx(nint cctx);

    [LibraryImport(Library)]
    public static partial ZstdDecompressContext ZSTD_createDCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeDCtx(nint dctx);

    [LibraryImport(Library)]
    public static unsafe partial nuint ZSTD_compressCCtx(
        ZstdCompressContext cctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize, int compressionLevel);

    [LibraryImport(Library)]
    public static unsafe partial nuint ZSTD_decompressDCtx(
        ZstdDecompressContext dctx, byte* dst, nuint dstCapacity, byte* src, nuint srcSize);

    /// <summary>zstd_errors.h ZSTD_error_dstSize_tooSmall.</summary>
    public const int ErrorDestinationTooSmall = 70;

    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8(ZSTD_getErrorName(code)) ?? $"error {code}";
}

/// <summary>Owns a ZSTD_CCtx. Not thread-safe: one per thread.</summary>
internal sealed class ZstdCompressContext : SafeHandleZeroOrMinusOneIsInvalid
{
    public ZstdCompressContext() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        ZstdNative.ZSTD_freeCCtx(handle);
        return true;
    }
}

/// <summary>Owns a ZSTD_DCtx. Not thread-safe: one per thread.</summary>
internal sealed class ZstdDecompressContext : SafeHandleZeroOrMinusOneIsInvalid
{
    public ZstdDecompressContext() : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle()
    {
        ZstdNative.ZSTD_freeDCtx(handle);
        return true;
    }
}
