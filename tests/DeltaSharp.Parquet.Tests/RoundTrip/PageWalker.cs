using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>One page of a column chunk as laid out in the file: where its header and body are and what the header says.</summary>
internal sealed record PageInfo(int RowGroup, int Column, long HeaderOffset, int HeaderLength, int BodyLength, PageHeader Header)
{
    public long BodyOffset => HeaderOffset + HeaderLength;

    public Encoding? ValueEncoding => Header.Type switch
    {
        PageType.DataPage => Header.DataPageHeader?.Encoding,
        PageType.DataPageV2 => Header.DataPageHeaderV2?.Encoding,
        PageType.DictionaryPage => Header.DictionaryPageHeader?.Encoding,
        _ => null,
    };
}

/// <summary>Lists the pages of every column chunk of a (valid) file by following the page headers from each chunk's start.</summary>
internal static class PageWalker
{
    public static List<PageInfo> Pages(byte[] file, FileMetaData metadata)
    {
        var pages = new List<PageInfo>();
        for (var g = 0; g < metadata.RowGroups.Count; g++)
        {
            var columns = metadata.RowGroups[g].Columns;
            for (var c = 0; c < columns.Count; c++)
            {
                var meta = columns[c].MetaData!;
                var start = meta.DataPageOffset;
                if (meta.DictionaryPageOffset is { } d && d > 0 && d < start) start = d;
                var end = start + meta.TotalCompressedSize;
                if (start < 0 || end > file.Length || end < start) throw new ParquetFormatException($"chunk {g}/{c} is outside the file");
                var pos = start;
                while (pos < end)
                {
                    var header = ParquetFooter.ReadPageHeader(file.AsSpan((int)pos, (int)(end - pos)), out var headerLength);
                    if (header.CompressedPageSize < 0 || pos + headerLength + header.CompressedPageSize > end)
                        throw new ParquetFormatException($"page at {pos} runs past its chunk");
                    pages.Add(new PageInfo(g, c, pos, headerLength, header.CompressedPageSize, header));
                    pos += headerLength + header.CompressedPageSize;
                }
            }
        }
        return pages;
    }
}
