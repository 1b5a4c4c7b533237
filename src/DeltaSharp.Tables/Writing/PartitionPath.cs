using System.Globalization;
using System.Text;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Hive-style partition folders as Spark names them (<c>col=value/</c>, nulls as <c>__HIVE_DEFAULT_PARTITION__</c>,
/// special characters %XX-escaped by Spark's escapePathName) and the URI encoding of a relative file path written
/// into <c>add.path</c> (PROTOCOL.md "Add File and Remove File": the path is an RFC 2396 URI), as Java's
/// multi-argument URI constructor quotes a path. Stateless.
/// </summary>
internal static class PartitionPath
{
    public const string DefaultPartitionName = "__HIVE_DEFAULT_PARTITION__";

    /// <summary>The folder (relative, '/'-separated, no trailing slash) for these partition values, in column order.</summary>
    public static string Folder(IReadOnlyList<string> columns, IReadOnlyDictionary<string, string?> values)
    {
        var sb = new StringBuilder();
        foreach (var column in columns)
        {
            if (sb.Length > 0) sb.Append('/');
            Escape(sb, column);
            sb.Append('=');
            var value = values[column];
            if (string.IsNullOrEmpty(value)) sb.Append(DefaultPartitionName);
            else Escape(sb, value);
        }
        return sb.ToString();
    }

    /// <summary>Spark's ExternalCatalogUtils.escapePathName (the non-Windows character set).</summary>
    public static string EscapePathName(string text)
    {
        var sb = new StringBuilder(text.Length);
        Escape(sb, text);
        return sb.ToString();
    }

    private static void Escape(StringBuilder sb, string text)
    {
        foreach (var c in text)
        {
            if (NeedsEscaping(c)) sb.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
    }

    private static bool NeedsEscaping(char c) =>
        c is (>= '\u0001' and <= '\u001F') or '"' or '#' or '%' or '\'' or '*' or '/' or ':' or '=' or '?' or '\\'
            or '\u007F' or '{' or '[' or ']' or '^';

    /// <summary>Percent-encodes what java.net.URI's path quoting encodes: everything but unreserved, punctuation,
    /// '/', '@' and non-ASCII letters (non-ASCII space and control characters are encoded too).</summary>
    public static string ToUriPath(string relativePath)
    {
        var sb = new StringBuilder(relativePath.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < relativePath.Length; i++)
        {
            var c = relativePath[i];
            if (IsAllowedInUriPath(c))
            {
                sb.Append(c);
                continue;
            }
            var isPair = char.IsHighSurrogate(c) && i + 1 < relativePath.Length && char.IsLowSurrogate(relativePath[i + 1]);
            if (isPair && !char.IsWhiteSpace(relativePath, i))
            {
                sb.Append(c).Append(relativePath[i + 1]); // non-BMP letters are "other" characters, kept as they are
                i++;
                continue;
            }
            var n = Encoding.UTF8.GetBytes(relativePath.AsSpan(i, isPair ? 2 : 1), utf8);
            if (isPair) i++;
            for (var k = 0; k < n; k++) sb.Append('%').Append(utf8[k].ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static bool IsAllowedInUriPath(char c)
    {
        if (c < 0x80)
        {
            return char.IsAsciiLetterOrDigit(c)
                || c is '_' or '-' or '!' or '.' or '~' or '\'' or '(' or ')' or '*'   // unreserved marks
                    or ',' or ';' or ':' or '$' or '&' or '+' or '='                // punct
                    or '/' or '@';
        }
        // RFC 2396 "other": non-ASCII characters that are neither controls nor space characters.
        return !char.IsSurrogate(c) && !char.IsControl(c) && !char.IsWhiteSpace(c) && !char.IsSeparator(c);
    }
}
