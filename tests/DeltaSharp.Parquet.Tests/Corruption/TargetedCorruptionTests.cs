using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Tests.RoundTrip;
using Xunit.Abstractions;

namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>
/// Exhaustive (not random) semantic corruptions of files our writer produced: every count, size and offset field
/// of every page header of the first row group and of every column chunk's metadata, set to each extreme value,
/// with the rest of the file kept consistent. Same rules as the fuzz test: read or ParquetFormatException naming
/// the file, bounded time and memory.
/// </summary>
public class TargetedCorruptionTests(ITestOutputHelper output)
{
    private static readonly long[] ExtremeLongs = [long.MaxValue, long.MinValue, int.MaxValue, -1, 0, 1L << 40, uint.MaxValue];

    private static IReadOnlyList<SourceFile> Sources() =>
        [.. CorruptionCorpus.Written.Where(f => f.Name.Contains("Uncompressed", StringComparison.Ordinal)
            || f.Name.Contains("Snappy", StringComparison.Ordinal) || f.Name.Contains("Zstd", StringComparison.Ordinal))];

    private delegate string? PageChange(PageHeader header, int value);

    private static readonly PageChange[] PageFields =
    [
        (h, v) => $"uncompressed_page_size {h.UncompressedPageSize}->{h.UncompressedPageSize = v}",
        (h, v) => $"compressed_page_size {h.CompressedPageSize}->{h.CompressedPageSize = v}",
        (h, v) => h.DataPageHeader is { } d ? $"num_values {d.NumValues}->{d.NumValues = v}"
            : h.DataPageHeaderV2 is { } d2 ? $"v2 num_values {d2.NumValues}->{d2.NumValues = v}"
            : h.DictionaryPageHeader is { } dp ? $"dictionary num_values {dp.NumValues}->{dp.NumValues = v}" : null,
        (h, v) => h.DataPageHeaderV2 is { } d ? $"v2 num_nulls {d.NumNulls}->{d.NumNulls = v}" : null,
        (h, v) => h.DataPageHeaderV2 is { } d ? $"v2 num_rows {d.NumRows}->{d.NumRows = v}" : null,
        (h, v) => h.DataPageHeaderV2 is { } d ? $"v2 definition_levels_byte_length {d.DefinitionLevelsByteLength}->{d.DefinitionLevelsByteLength = v}" : null,
        (h, v) => h.DataPageHeaderV2 is { } d ? $"v2 repetition_levels_byte_length {d.RepetitionLevelsByteLength}->{d.RepetitionLevelsByteLength = v}" : null,
    ];

    [Fact]
    public void PageHeaderCountsAndSizes_SetToExtremes_ReadOrThrowFormatException()
    {
        var sources = Sources();
        var cases = new List<(SourceFile Source, PageInfo Page, int Field, int Value)>();
        foreach (var source in sources)
            foreach (var page in source.Layout.Pages.Where(p => p.RowGroup == 0))
                for (var f = 0; f < PageFields.Length; f++)
                {
                    if (PageFields[f](ParquetFooter.ReadPageHeader(source.Bytes.AsSpan((int)page.HeaderOffset, page.HeaderLength), out _), 0) is null) continue;
                    foreach (var value in Mutator.HugeInts) cases.Add((source, page, f, value));
                }
        Assert.True(cases.Count > 1000, $"only {cases.Count} cases");

        var summary = CorruptionRunner.Run(0, cases.Count, (i, unusedRandom) =>
        {
            var (source, page, field, value) = cases[(int)i];
            var header = ParquetFooter.ReadPageHeader(source.Bytes.AsSpan((int)page.HeaderOffset, page.HeaderLength), out _);
            var what = PageFields[field](header, value)!;
            return (source.Name, Mutator.WithPageHeader(source.Bytes, source.Layout, page, header, what));
        });
        output.WriteLine(summary.Report());
        Assert.True(summary.FailureCount == 0, string.Join("\n", summary.Failures) + "\n" + summary.Report());
    }

    private delegate string? ChunkChange(FileMetaData meta, int rowGroup, int column, long value);

    private static readonly ChunkChange[] FooterFields =
    [
        (m, g, c, v) => Chunk(m, g, c) is { } cm ? $"num_values {cm.NumValues}->{cm.NumValues = v}" : null,
        (m, g, c, v) => Chunk(m, g, c) is { } cm ? $"total_compressed_size {cm.TotalCompressedSize}->{cm.TotalCompressedSize = v}" : null,
        (m, g, c, v) => Chunk(m, g, c) is { } cm ? $"total_uncompressed_size {cm.TotalUncompressedSize}->{cm.TotalUncompressedSize = v}" : null,
        (m, g, c, v) => Chunk(m, g, c) is { } cm ? $"data_page_offset {cm.DataPageOffset}->{cm.DataPageOffset = v}" : null,
        (m, g, c, v) => Chunk(m, g, c) is { DictionaryPageOffset: not null } cm ? $"dictionary_page_offset {cm.DictionaryPageOffset}->{cm.DictionaryPageOffset = v}" : null,
        (m, g, c, v) => c == 0 ? $"row group num_rows {m.RowGroups[g].NumRows}->{m.RowGroups[g].NumRows = v}" : null,
        (m, g, c, v) => g == 0 && c == 0 ? $"file num_rows {m.NumRows}->{m.NumRows = v}" : null,
    ];

    private static ColumnMetaData? Chunk(FileMetaData meta, int rowGroup, int column) => meta.RowGroups[rowGroup].Columns[column].MetaData;

    [Fact]
    public void FooterCountsSizesAndOffsets_SetToExtremes_ReadOrThrowFormatException()
    {
        var cases = new List<(SourceFile Source, int RowGroup, int Column, int Field, long Value)>();
        foreach (var source in Sources())
        {
            var meta = source.Layout.Metadata!;
            foreach (var g in new[] { 0, meta.RowGroups.Count - 1 }.Distinct())
                for (var c = 0; c < meta.RowGroups[g].Columns.Count; c++)
                    for (var f = 0; f < FooterFields.Length; f++)
                    {
                        if (FooterFields[f](Parse(source), g, c, 0) is null) continue;
                        foreach (var value in ExtremeLongs) cases.Add((source, g, c, f, value));
                    }
        }

        var summary = CorruptionRunner.Run(0, cases.Count, (i, unusedRandom) =>
        {
            var (source, g, c, f, value) = cases[(int)i];
            var meta = Parse(source);
            var what = FooterFields[f](meta, g, c, value)!;
            return (source.Name, Mutator.WithFooter(source.Bytes.AsSpan(0, source.Layout.FooterStart), meta, $"footer field rg {g} col {c} {what}"));
        });
        output.WriteLine(summary.Report());
        Assert.True(summary.FailureCount == 0, string.Join("\n", summary.Failures) + "\n" + summary.Report());
    }

    private static FileMetaData Parse(SourceFile source) =>
        ParquetFooter.ParseFileMetaData(source.Bytes.AsSpan(source.Layout.FooterStart, source.Layout.FooterLength));
}
