using System.Text;

namespace DeltaSharp.Compute;

/// <summary>
/// A compiled SQL LIKE pattern matched against UTF-8 bytes without regular expressions: <c>_</c> is one character
/// (code point), <c>%</c> any sequence, the escape character (default <c>\</c>) makes the next <c>_</c>, <c>%</c> or
/// escape literal. Patterns that are a literal, a prefix, a suffix or an infix take byte-comparison fast paths;
/// the general case is the linear greedy wildcard algorithm. Immutable and thread-safe.
/// </summary>
public sealed class LikeMatcher
{
    private enum Shape { Exact, Prefix, Suffix, Contains, General }

    private readonly Shape _shape;
    private readonly byte[] _literal = [];
    private readonly Segment[] _segments = [];

    /// <summary>A run of literal bytes or one wildcard.</summary>
    private readonly record struct Segment(byte[]? Literal, bool AnyOne, bool AnyMany);

    private LikeMatcher(Shape shape, byte[] literal, Segment[] segments)
    {
        _shape = shape;
        _literal = literal;
        _segments = segments;
    }

    /// <summary>Compiles a pattern; an escape character before anything but _, % or itself (or at the end) is Spark's
    /// INVALID_FORMAT error.</summary>
    public static LikeMatcher Compile(string pattern, char escape = '\\')
    {
        var segments = new List<Segment>();
        var lit = new StringBuilder();
        void Flush()
        {
            if (lit.Length == 0) return;
            segments.Add(new Segment(Encoding.UTF8.GetBytes(lit.ToString()), false, false));
            lit.Clear();
        }
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == escape)
            {
                if (i + 1 >= pattern.Length)
                    throw new ComputeException("INVALID_FORMAT.ESC_AT_THE_END", $"The format is invalid: '{pattern}'. The escape character is not allowed to end with.");
                var next = pattern[i + 1];
                if (next != '_' && next != '%' && next != escape)
                    throw new ComputeException("INVALID_FORMAT.ESC_IN_THE_MIDDLE", $"The format is invalid: '{pattern}'. The escape character is not allowed to precede '{next}'.");
                lit.Append(next);
                i++;
            }
            else if (c == '_')
            {
                Flush();
                segments.Add(new Segment(null, true, false));
            }
            else if (c == '%')
            {
                Flush();
                if (segments.Count == 0 || !segments[^1].AnyMany) segments.Add(new Segment(null, false, true));
            }
            else lit.Append(c);
        }
        Flush();
        var s = segments.ToArray();
        if (s.Length == 0) return new LikeMatcher(Shape.Exact, [], s);
        if (s.Length == 1 && s[0].Literal is { } only) return new LikeMatcher(Shape.Exact, only, s);
        if (s.Length == 2 && s[0].Literal is { } p && s[1].AnyMany) return new LikeMatcher(Shape.Prefix, p, s);
        if (s.Length == 2 && s[0].AnyMany && s[1].Literal is { } q) return new LikeMatcher(Shape.Suffix, q, s);
        if (s.Length == 3 && s[0].AnyMany && s[1].Literal is { } m && s[2].AnyMany) return new LikeMatcher(Shape.Contains, m, s);
        return new LikeMatcher(Shape.General, [], s);
    }

    public bool Matches(ReadOnlySpan<byte> input) => _shape switch
    {
        Shape.Exact => input.SequenceEqual(_literal),
        Shape.Prefix => input.StartsWith(_literal),
        Shape.Suffix => input.EndsWith(_literal),
        Shape.Contains => input.IndexOf(_literal) >= 0,
        _ => MatchGeneral(input),
    };

    private bool MatchGeneral(ReadOnlySpan<byte> s)
    {
        // Greedy wildcard matching with one backtrack point (the last %), linear in practice.
        int si = 0, pi = 0, starP = -1, starS = -1;
        var segs = _segments;
        while (si < s.Length)
        {
            if (pi < segs.Length)
            {
                var seg = segs[pi];
                if (seg.AnyMany)
                {
                    starP = pi++;
                    starS = si;
                    continue;
                }
                if (seg.AnyOne)
                {
                    si += CharLength(s[si]);
                    pi++;
                    continue;
                }
                var lit = seg.Literal!;
                if (s[si..].StartsWith(lit))
                {
                    si += lit.Length;
                    pi++;
                    continue;
                }
            }
            if (starP < 0) return false;
            pi = starP + 1;
            starS += CharLength(s[starS]);
            si = starS;
        }
        while (pi < segs.Length && segs[pi].AnyMany) pi++;
        return pi == segs.Length && si == s.Length;
    }

    private static int CharLength(byte lead) => lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}
