using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Tests.RoundTrip;

namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>One corrupted variant of a source file and how it was made (printed when a case fails).</summary>
internal sealed record Mutant(byte[] Bytes, string Description);

/// <summary>
/// Deterministic corruptions of a valid file: bit flips anywhere, byte overwrites and bit flips aimed at the footer
/// and page headers, truncations (plain, inside a page with the footer kept, ranges cut out), zeroed ranges,
/// length/count/offset fields of the footer and of page headers set to huge, negative or off-by-one values (the
/// rest of the file kept consistent), page bodies overwritten, broken trailers and magics.
/// </summary>
internal static class Mutator
{
    private static readonly long[] HugeLongs = [long.MaxValue, long.MinValue, int.MaxValue, int.MinValue, -1, 0, 1L << 31, 1L << 40, uint.MaxValue];
    public static readonly int[] HugeInts = [int.MaxValue, int.MinValue, -1, 0, 1 << 30, 1 << 26, (1 << 26) + 1, 1 << 20, 0x7FFF_FFF0];
    private static readonly byte[] InterestingBytes = [0x00, 0xFF, 0x7F, 0x80, 0x01, 0x15, 0x19, 0x1C, 0x0C, 0x16];

    public const int KindCount = 18;

    public static Mutant Mutate(SourceFile source, Random r)
    {
        var kind = r.Next(KindCount);
        var bytes = source.Bytes;
        var layout = source.Layout;
        switch (kind)
        {
            case 0:
                return FlipBits(bytes, r, 0, bytes.Length, 1, "anywhere");
            case 1:
                return FlipBits(bytes, r, 0, bytes.Length, r.Next(2, 17), "anywhere");
            case 2 when layout.FooterStart > 0:
                return FlipBits(bytes, r, layout.FooterStart, layout.FooterLength, r.Next(1, 4), "footer");
            case 3 when layout.FooterStart > 0:
                return Overwrite(bytes, r, layout.FooterStart, layout.FooterLength, r.Next(1, 5), "footer");
            case 4 when layout.Pages.Count > 0:
            {
                var page = layout.Pages[r.Next(layout.Pages.Count)];
                return Overwrite(bytes, r, (int)page.HeaderOffset, page.HeaderLength, r.Next(1, 4), $"page header (rg {page.RowGroup} col {page.Column} {page.Header.Type})");
            }
            case 5 when layout.Pages.Count > 0:
            {
                var page = layout.Pages[r.Next(layout.Pages.Count)];
                return FlipBits(bytes, r, (int)page.HeaderOffset, page.HeaderLength, r.Next(1, 3), $"page header (rg {page.RowGroup} col {page.Column} {page.Header.Type})");
            }
            case 6:
                return Truncate(bytes, r, layout);
            case 7 when layout.FooterStart > 0:
                return TruncateKeepingFooter(bytes, r, layout);
            case 8:
                return ZeroRange(bytes, r, layout);
            case 9 when layout.Metadata is not null:
                return FooterField(bytes, r, layout);
            case 10 when layout.Pages.Count > 0 && layout.Metadata is not null:
                return PageHeaderField(bytes, r, layout);
            case 11 when layout.Pages.Any(p => p.BodyLength > 0):
            {
                var pages = layout.Pages.Where(p => p.BodyLength > 0).ToList();
                var page = pages[r.Next(pages.Count)];
                // The first bytes of a body hold level lengths, bit widths and block headers.
                var span = r.Next(2) == 0 ? Math.Min(page.BodyLength, 16) : page.BodyLength;
                return Overwrite(bytes, r, (int)page.BodyOffset, span, r.Next(1, 5), $"page body (rg {page.RowGroup} col {page.Column} {page.Header.Type} {page.ValueEncoding})");
            }
            case 12:
                return FooterLengthField(bytes, r, layout);
            case 13:
                return Magic(bytes, r);
            case 14 when layout.Metadata is not null:
                return FooterField(bytes, r, layout); // semantic mutations reach deepest: give them more weight
            case 15 when layout.Pages.Count > 0 && layout.Metadata is not null:
                return PageHeaderField(bytes, r, layout);
            case 16 or 17 when layout.Pages.Any(p => p.BodyLength > 0) && layout.Metadata is not null:
                return DecodedBody(bytes, r, layout);
            default:
                return FlipBits(bytes, r, 0, bytes.Length, 1, "anywhere");
        }
    }

    private static Mutant FlipBits(byte[] source, Random r, int start, int length, int count, string where)
    {
        var bytes = (byte[])source.Clone();
        var positions = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var pos = start + r.Next(Math.Max(1, length));
            var bit = r.Next(8);
            bytes[pos] ^= (byte)(1 << bit);
            positions.Add(Inv($"{pos}.{bit}"));
        }
        return new Mutant(bytes, $"flip {count} bit(s) in {where} at {string.Join(",", positions)}");
    }

    private static Mutant Overwrite(byte[] source, Random r, int start, int length, int count, string where)
    {
        var bytes = (byte[])source.Clone();
        var changes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var pos = start + r.Next(Math.Max(1, length));
            var value = r.Next(2) == 0 ? InterestingBytes[r.Next(InterestingBytes.Length)] : (byte)r.Next(256);
            changes.Add(Inv($"{pos}:{bytes[pos]:X2}->{value:X2}"));
            bytes[pos] = value;
        }
        return new Mutant(bytes, $"overwrite {count} byte(s) in {where}: {string.Join(",", changes)}");
    }

    private static Mutant Truncate(byte[] source, Random r, FileLayout layout)
    {
        // Aim at every region: the trailer (magic and footer length), the footer, a page, anywhere.
        int cut;
        string where;
        switch (r.Next(4))
        {
            case 0:
                cut = source.Length - r.Next(1, 9);
                where = "trailer";
                break;
            case 1 when layout.FooterStart > 0:
                cut = layout.FooterStart + r.Next(layout.FooterLength);
                where = "footer";
                break;
            case 2 when layout.Pages.Count > 0:
            {
                var page = layout.Pages[r.Next(layout.Pages.Count)];
                cut = (int)page.HeaderOffset + r.Next(page.HeaderLength + page.BodyLength);
                where = "page";
                break;
            }
            default:
                cut = r.Next(source.Length);
                where = "anywhere";
                break;
        }
        cut = Math.Clamp(cut, 0, source.Length - 1);
        return new Mutant(source[..cut], Inv($"truncate in {where} to {cut} of {source.Length} bytes"));
    }

    private static Mutant TruncateKeepingFooter(byte[] source, Random r, FileLayout layout)
    {
        var footerAndTrailer = source[layout.FooterStart..];
        if (r.Next(2) == 0 || layout.Pages.Count == 0)
        {
            // Data cut short but the footer intact: offsets point past the data.
            var cut = 4 + r.Next(Math.Max(1, layout.FooterStart - 4));
            return new Mutant([.. source.AsSpan(0, cut), .. footerAndTrailer], Inv($"cut data at {cut} of {layout.FooterStart}, footer kept"));
        }
        // A range cut out of the middle of a page: everything after it shifts.
        var page = layout.Pages[r.Next(layout.Pages.Count)];
        var start = (int)page.HeaderOffset + r.Next(page.HeaderLength + page.BodyLength);
        var length = 1 + r.Next(Math.Min(64, layout.FooterStart - start));
        return new Mutant([.. source.AsSpan(0, start), .. source.AsSpan(start + length)], Inv($"remove {length} bytes at {start} (in rg {page.RowGroup} col {page.Column} {page.Header.Type})"));
    }

    private static Mutant ZeroRange(byte[] source, Random r, FileLayout layout)
    {
        int start, max;
        string where;
        switch (r.Next(3))
        {
            case 0 when layout.FooterStart > 0:
                start = layout.FooterStart + r.Next(layout.FooterLength);
                max = layout.FooterStart + layout.FooterLength - start;
                where = "footer";
                break;
            case 1 when layout.Pages.Count > 0:
            {
                var page = layout.Pages[r.Next(layout.Pages.Count)];
                start = (int)page.HeaderOffset + r.Next(page.HeaderLength + page.BodyLength);
                max = (int)page.BodyOffset + page.BodyLength - start;
                where = Inv($"page (rg {page.RowGroup} col {page.Column} {page.Header.Type})");
                break;
            }
            default:
                start = r.Next(source.Length);
                max = source.Length - start;
                where = "anywhere";
                break;
        }
        var length = Math.Max(1, Math.Min(max, r.Next(1, 65)));
        var bytes = (byte[])source.Clone();
        bytes.AsSpan(start, length).Clear();
        return new Mutant(bytes, Inv($"zero {length} bytes in {where} at {start}"));
    }

    private static long PickLong(Random r, long original) => r.Next(4) switch
    {
        0 => original + 1,
        1 => original - 1,
        2 => original * (r.Next(2) == 0 ? 2 : 1000),
        _ => HugeLongs[r.Next(HugeLongs.Length)],
    };

    private static int PickInt(Random r, int original) => r.Next(4) switch
    {
        0 => original + 1,
        1 => original - 1,
        2 => unchecked(original * (r.Next(2) == 0 ? 2 : 1000)),
        _ => HugeInts[r.Next(HugeInts.Length)],
    };

    /// <summary>Sets one length, count, offset or type field of the footer to a bad value and re-serializes the footer.</summary>
    private static Mutant FooterField(byte[] source, Random r, FileLayout layout)
    {
        var meta = ParquetFooter.ParseFileMetaData(source.AsSpan(layout.FooterStart, layout.FooterLength));
        string what;
        var rgIndex = meta.RowGroups.Count == 0 ? -1 : r.Next(meta.RowGroups.Count);
        var rg = rgIndex < 0 ? null : meta.RowGroups[rgIndex];
        var chunk = rg is null || rg.Columns.Count == 0 ? null : rg.Columns[r.Next(rg.Columns.Count)];
        var cm = chunk?.MetaData;
        var element = meta.Schema.Count == 0 ? null : meta.Schema[r.Next(meta.Schema.Count)];
        switch (r.Next(16))
        {
            case 0: what = $"num_rows {meta.NumRows}->{meta.NumRows = PickLong(r, meta.NumRows)}"; break;
            case 1 when rg is not null: what = $"rg {rgIndex} num_rows {rg.NumRows}->{rg.NumRows = PickLong(r, rg.NumRows)}"; break;
            case 2 when cm is not null: what = $"rg {rgIndex} {Path(cm)} num_values {cm.NumValues}->{cm.NumValues = PickLong(r, cm.NumValues)}"; break;
            case 3 when cm is not null: what = $"rg {rgIndex} {Path(cm)} total_compressed_size {cm.TotalCompressedSize}->{cm.TotalCompressedSize = PickLong(r, cm.TotalCompressedSize)}"; break;
            case 4 when cm is not null: what = $"rg {rgIndex} {Path(cm)} total_uncompressed_size {cm.TotalUncompressedSize}->{cm.TotalUncompressedSize = PickLong(r, cm.TotalUncompressedSize)}"; break;
            case 5 when cm is not null: what = $"rg {rgIndex} {Path(cm)} data_page_offset {cm.DataPageOffset}->{cm.DataPageOffset = PickLong(r, cm.DataPageOffset)}"; break;
            case 6 when cm is not null: what = $"rg {rgIndex} {Path(cm)} dictionary_page_offset {cm.DictionaryPageOffset}->{cm.DictionaryPageOffset = PickLong(r, cm.DictionaryPageOffset ?? cm.DataPageOffset)}"; break;
            case 7 when cm is not null: what = $"rg {rgIndex} {Path(cm)} codec {cm.Codec}->{cm.Codec = (CompressionCodec)r.Next(-1, 12)}"; break;
            case 8 when cm is not null: what = $"rg {rgIndex} {Path(cm)} type {cm.Type}->{cm.Type = (PhysicalType)r.Next(-1, 9)}"; break;
            case 9 when element is not null: what = $"schema '{element.Name}' num_children {element.NumChildren}->{element.NumChildren = PickInt(r, element.NumChildren ?? 0)}"; break;
            case 10 when element is not null: what = $"schema '{element.Name}' type_length {element.TypeLength}->{element.TypeLength = PickInt(r, element.TypeLength ?? 0)}"; break;
            case 11 when element is not null: what = $"schema '{element.Name}' type {element.Type}->{element.Type = (PhysicalType)r.Next(-1, 9)}"; break;
            case 12 when element is not null: what = $"schema '{element.Name}' repetition {element.RepetitionType}->{element.RepetitionType = (FieldRepetitionType)r.Next(-1, 4)}"; break;
            case 13 when element is not null:
                what = $"schema '{element.Name}' precision/scale {element.Precision}/{element.Scale}->{element.Precision = PickInt(r, element.Precision ?? 0)}/{element.Scale = PickInt(r, element.Scale ?? 0)}";
                break;
            case 14 when meta.Schema.Count > 1:
            {
                var i = r.Next(meta.Schema.Count);
                what = $"schema element {i} '{meta.Schema[i].Name}' removed";
                meta.Schema.RemoveAt(i);
                break;
            }
            case 15 when rg is not null && rg.Columns.Count > 0:
            {
                var i = r.Next(rg.Columns.Count);
                what = $"rg {rgIndex} column chunk {i} removed";
                rg.Columns.RemoveAt(i);
                break;
            }
            default: what = $"num_rows {meta.NumRows}->{meta.NumRows = HugeLongs[r.Next(HugeLongs.Length)]}"; break;
        }
        return new Mutant(WithFooter(source.AsSpan(0, layout.FooterStart), meta), "footer field " + what);
    }

    private static string Path(ColumnMetaData cm) => string.Join('.', cm.PathInSchema);

    /// <summary>Sets one field of one page header to a bad value, splices the re-serialized header in and fixes the
    /// footer's offsets and sizes, so only the header field is wrong.</summary>
    private static Mutant PageHeaderField(byte[] source, Random r, FileLayout layout)
    {
        var page = layout.Pages[r.Next(layout.Pages.Count)];
        var h = ParquetFooter.ReadPageHeader(source.AsSpan((int)page.HeaderOffset, page.HeaderLength), out _);
        string what;
        switch (r.Next(12))
        {
            case 0: what = $"uncompressed_page_size {h.UncompressedPageSize}->{h.UncompressedPageSize = PickInt(r, h.UncompressedPageSize)}"; break;
            case 1: what = $"compressed_page_size {h.CompressedPageSize}->{h.CompressedPageSize = PickInt(r, h.CompressedPageSize)}"; break;
            case 2: what = $"type {h.Type}->{h.Type = (PageType)r.Next(-1, 6)}"; break;
            case 3 when h.DataPageHeader is { } d: what = $"num_values {d.NumValues}->{d.NumValues = PickInt(r, d.NumValues)}"; break;
            case 4 when h.DataPageHeader is { } d: what = $"encoding {d.Encoding}->{d.Encoding = (Encoding)r.Next(-1, 11)}"; break;
            case 5 when h.DataPageHeader is { } d: what = $"definition_level_encoding {d.DefinitionLevelEncoding}->{d.DefinitionLevelEncoding = (Encoding)r.Next(-1, 11)}"; break;
            case 3 when h.DataPageHeaderV2 is { } v: what = $"v2 num_values {v.NumValues}->{v.NumValues = PickInt(r, v.NumValues)}"; break;
            case 4 when h.DataPageHeaderV2 is { } v: what = $"v2 encoding {v.Encoding}->{v.Encoding = (Encoding)r.Next(-1, 11)}"; break;
            case 5 when h.DataPageHeaderV2 is { } v: what = $"v2 num_nulls {v.NumNulls}->{v.NumNulls = PickInt(r, v.NumNulls)}"; break;
            case 6 when h.DataPageHeaderV2 is { } v: what = $"v2 definition_levels_byte_length {v.DefinitionLevelsByteLength}->{v.DefinitionLevelsByteLength = PickInt(r, v.DefinitionLevelsByteLength)}"; break;
            case 7 when h.DataPageHeaderV2 is { } v: what = $"v2 repetition_levels_byte_length {v.RepetitionLevelsByteLength}->{v.RepetitionLevelsByteLength = PickInt(r, v.RepetitionLevelsByteLength)}"; break;
            case 8 when h.DataPageHeaderV2 is { } v: what = $"v2 is_compressed {v.IsCompressed}->{v.IsCompressed = !v.IsCompressed}"; break;
            case 9 when h.DataPageHeaderV2 is { } v: what = $"v2 num_rows {v.NumRows}->{v.NumRows = PickInt(r, v.NumRows)}"; break;
            case 3 or 4 when h.DictionaryPageHeader is { } dp: what = $"dictionary num_values {dp.NumValues}->{dp.NumValues = PickInt(r, dp.NumValues)}"; break;
            case 5 when h.DictionaryPageHeader is { } dp: what = $"dictionary encoding {dp.Encoding}->{dp.Encoding = (Encoding)r.Next(-1, 11)}"; break;
            case 10: what = "data page header removed"; h.DataPageHeader = null; h.DataPageHeaderV2 = null; h.DictionaryPageHeader = null; break;
            default: what = $"uncompressed_page_size {h.UncompressedPageSize}->{h.UncompressedPageSize = HugeInts[r.Next(HugeInts.Length)]}"; break;
        }
        return WithPageHeader(source, layout, page, h, what);
    }

    /// <summary>Replaces the header of <paramref name="page"/> by <paramref name="header"/> (re-serialized, so its
    /// length may change) and fixes the footer's offsets and chunk sizes so only the header's content is wrong.</summary>
    public static Mutant WithPageHeader(byte[] source, FileLayout layout, PageInfo page, PageHeader header, string what) =>
        WithPage(source, layout, page, header, source.AsSpan((int)page.BodyOffset, page.BodyLength),
            $"page header field (rg {page.RowGroup} col {page.Column} at {page.HeaderOffset}) {what}");

    /// <summary>Decompresses a page, corrupts its uncompressed content (levels, bit widths, delta headers, values),
    /// compresses it again with the chunk's codec and fixes the header sizes and the footer, so the damage reaches the
    /// level and value decoders whatever the codec.</summary>
    private static Mutant DecodedBody(byte[] source, Random r, FileLayout layout)
    {
        var pages = layout.Pages.Where(p => p.BodyLength > 0).ToList();
        var page = pages[r.Next(pages.Count)];
        var codec = layout.Metadata!.RowGroups[page.RowGroup].Columns[page.Column].MetaData!.Codec;
        var h = ParquetFooter.ReadPageHeader(source.AsSpan((int)page.HeaderOffset, page.HeaderLength), out _);
        var body = source.AsSpan((int)page.BodyOffset, page.BodyLength);
        var levels = h.DataPageHeaderV2 is { } v2 ? v2.RepetitionLevelsByteLength + v2.DefinitionLevelsByteLength : 0;
        var compressed = codec != CompressionCodec.Uncompressed && (h.DataPageHeaderV2?.IsCompressed ?? true);
        byte[] plain;
        if (levels < 0 || levels > body.Length || h.UncompressedPageSize < levels || h.UncompressedPageSize > 1 << 24)
            return FlipBits(source, r, (int)page.BodyOffset, page.BodyLength, 1, "page body"); // already corrupt (stacked)
        if (compressed)
        {
            plain = new byte[h.UncompressedPageSize - levels];
            try
            {
                DeltaSharp.Parquet.Compression.ParquetCompression.Decompress(codec, body[levels..], plain);
            }
            catch (ParquetFormatException)
            {
                return FlipBits(source, r, (int)page.BodyOffset, page.BodyLength, 1, "page body"); // already corrupt (stacked)
            }
        }
        else
        {
            plain = body[levels..].ToArray();
        }
        byte[] all = [.. body[..levels], .. plain];

        string what;
        switch (r.Next(4))
        {
            case 0:
            {
                // The first bytes: v1 level length prefixes, bit widths, delta block headers, dictionary widths.
                var pos = r.Next(Math.Min(all.Length, 16));
                var value = InterestingBytes[r.Next(InterestingBytes.Length)];
                what = Inv($"byte {pos}: {all[pos]:X2}->{value:X2}");
                all[pos] = value;
                break;
            }
            case 1:
            {
                var n = r.Next(1, 4);
                var flips = new List<string>();
                for (var i = 0; i < n; i++)
                {
                    var pos = r.Next(all.Length);
                    var bit = r.Next(8);
                    all[pos] ^= (byte)(1 << bit);
                    flips.Add(Inv($"{pos}.{bit}"));
                }
                what = "bits " + string.Join(",", flips);
                break;
            }
            case 2 when all.Length > levels + 1:
            {
                var cut = r.Next(1, Math.Min(all.Length - levels, 32) + 1);
                what = Inv($"last {cut} bytes removed");
                all = all[..^cut];
                break;
            }
            default:
            {
                var pos = r.Next(all.Length);
                var length = Math.Min(all.Length - pos, r.Next(1, 9));
                r.NextBytes(all.AsSpan(pos, length));
                what = Inv($"{length} random bytes at {pos}");
                break;
            }
        }

        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        writer.Write(all.AsSpan(0, levels));
        if (compressed) DeltaSharp.Parquet.Compression.ParquetCompression.Compress(codec, all.AsSpan(levels), writer);
        else writer.Write(all.AsSpan(levels));
        h.UncompressedPageSize = all.Length;
        h.CompressedPageSize = writer.WrittenCount;
        return WithPage(source, layout, page, h, writer.WrittenSpan, $"decoded page body (rg {page.RowGroup} col {page.Column} {h.Type} {page.ValueEncoding} {codec}) {what}");
    }

    /// <summary>Replaces a page (header and body) and fixes the footer's offsets and chunk sizes.</summary>
    public static Mutant WithPage(byte[] source, FileLayout layout, PageInfo page, PageHeader header, ReadOnlySpan<byte> body, string description)
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        ParquetFooter.WritePageHeader(header, writer);
        writer.Write(body);
        var end = (int)page.BodyOffset + page.BodyLength;
        var delta = writer.WrittenCount - (end - (int)page.HeaderOffset);
        byte[] data = [.. source.AsSpan(0, (int)page.HeaderOffset), .. writer.WrittenSpan, .. source.AsSpan(end, layout.FooterStart - end)];
        var meta = ParquetFooter.ParseFileMetaData(source.AsSpan(layout.FooterStart, layout.FooterLength));
        for (var g = 0; g < meta.RowGroups.Count; g++)
        {
            var rg = meta.RowGroups[g];
            for (var c = 0; c < rg.Columns.Count; c++)
            {
                var cm = rg.Columns[c].MetaData!;
                if (g == page.RowGroup && c == page.Column) cm.TotalCompressedSize += delta;
                if (cm.DataPageOffset > page.HeaderOffset) cm.DataPageOffset += delta;
                if (cm.DictionaryPageOffset > page.HeaderOffset) cm.DictionaryPageOffset += delta;
                if (rg.Columns[c].FileOffset > page.HeaderOffset) rg.Columns[c].FileOffset += delta;
            }
        }
        return new Mutant(WithFooter(data, meta), description);
    }

    private static Mutant FooterLengthField(byte[] source, Random r, FileLayout layout)
    {
        if (source.Length < 8) return FlipBits(source, r, 0, source.Length, 1, "anywhere");
        var bytes = (byte[])source.Clone();
        var span = bytes.AsSpan(bytes.Length - 8, 4);
        var original = BinaryPrimitives.ReadInt32LittleEndian(span);
        var value = r.Next(3) == 0 ? r.Next() : PickInt(r, layout.FooterStart > 0 ? layout.FooterLength : original);
        BinaryPrimitives.WriteInt32LittleEndian(span, value);
        return new Mutant(bytes, Inv($"footer length {original}->{value}"));
    }

    private static Mutant Magic(byte[] source, Random r)
    {
        var bytes = (byte[])source.Clone();
        var head = r.Next(2) == 0;
        var pos = (head ? 0 : bytes.Length - 4) + r.Next(4);
        var replacement = r.Next(3) switch { 0 => (byte)'E', 1 => (byte)0, _ => (byte)r.Next(256) };
        if (r.Next(4) == 0 && !head) "PARE"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        else bytes[pos] = replacement;
        return new Mutant(bytes, Inv($"{(head ? "leading" : "trailing")} magic byte {pos} -> {replacement:X2}"));
    }

    /// <summary>The data part of a file followed by <paramref name="meta"/> as its footer.</summary>
    public static Mutant WithFooter(ReadOnlySpan<byte> data, FileMetaData meta, string description) => new(WithFooter(data, meta), description);

    private static byte[] WithFooter(ReadOnlySpan<byte> data, FileMetaData meta)
    {
        var footer = ParquetFooter.Serialize(meta);
        var result = new byte[data.Length + footer.Length + 8];
        data.CopyTo(result);
        footer.CopyTo(result.AsSpan(data.Length));
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(data.Length + footer.Length), footer.Length);
        "PAR1"u8.CopyTo(result.AsSpan(result.Length - 4));
        return result;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
