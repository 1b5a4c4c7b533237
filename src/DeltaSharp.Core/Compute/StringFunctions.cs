using System.Buffers;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// String functions with Spark's semantics: positions and lengths in characters (code points), 1-based positions
/// where 0 means the first character and negatives count from the end (substring), trim of spaces only unless trim
/// characters are given, lpad/rpad truncating to the length, replace/translate/split/regexp_* with Java regular
/// expressions, LIKE/ILIKE via <see cref="LikeMatcher"/>, format_string via <see cref="JavaFormatter"/>. Strings are
/// read as UTF-8 bytes in place wherever the operation allows it.
/// </summary>
internal static class StringFunctions
{
    private static readonly ExpectedType Str = ExpectedType.String;
    private static readonly ExpectedType Int = ExpectedType.Int;

    public static void Register(FunctionTable t)
    {
        t.Add("concat", 0, -1, BindConcat);
        t.Alias("||", "concat");
        t.Add("concat_ws", 1, -1, BindConcatWs);
        t.Add("upper", 1, 1, Sig.Simple([Str], DataType.String, (a, n, _) => MapString(a, n, s => s.ToUpperInvariant(), ascii: (b, o) => AsciiCase(b, o, upper: true))));
        t.Alias("ucase", "upper");
        t.Add("lower", 1, 1, Sig.Simple([Str], DataType.String, (a, n, _) => MapString(a, n, s => s.ToLowerInvariant(), ascii: (b, o) => AsciiCase(b, o, upper: false))));
        t.Alias("lcase", "lower");
        t.Add("length", 1, 1, r =>
        {
            var binary = r[0] is BinaryType;
            if (!binary && TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.StringOrBinary);
            return r.Ok([binary ? DataType.Binary : DataType.String], DataType.Integer, (a, n, _) =>
                RowKernel.Map(a, n, DataType.Integer, (x, i, o) => ((PrimitiveVector<int>)o).Append(binary ? x[0].Bytes(i).Length : Utf8Text.CharCount(x[0].Bytes(i)))));
        });
        t.Alias("char_length", "length");
        t.Alias("character_length", "length");
        t.Alias("len", "length");
        t.Add("octet_length", 1, 1, r => BindBytesLength(r, 1));
        t.Add("bit_length", 1, 1, r => BindBytesLength(r, 8));
        t.Add("substring", 2, 3, BindSubstring);
        t.Alias("substr", "substring");
        t.Add("left", 2, 2, Sig.Simple([Str, Int], DataType.String, (a, n, _) => MapBytes(a, n, (x, i) =>
            x[1].Int(i) <= 0 ? [] : Utf8Text.SubstringSql(x[0].Bytes(i), 1, x[1].Int(i), false))));
        t.Add("right", 2, 2, Sig.Simple([Str, Int], DataType.String, (a, n, _) => MapBytes(a, n, (x, i) =>
            x[1].Int(i) <= 0 ? [] : Utf8Text.SubstringSql(x[0].Bytes(i), -x[1].Int(i), int.MaxValue, false))));
        AddTrim(t, "trim", both: true, left: true);
        t.Alias("btrim", "trim");
        AddTrim(t, "ltrim", both: false, left: true);
        AddTrim(t, "rtrim", both: false, left: false);
        t.Add("lpad", 2, 3, r => BindPad(r, left: true));
        t.Add("rpad", 2, 3, r => BindPad(r, left: false));
        t.Add("replace", 2, 3, Sig.Simple([Str, Str, Str], DataType.String, (a, n, _) => MapStrings(a, n, x =>
        {
            var search = x[1];
            return search.Length == 0 ? x[0] : x[0].Replace(search, x.Length > 2 ? x[2] : "", StringComparison.Ordinal);
        })));
        t.Add("translate", 3, 3, Sig.Simple([Str, Str, Str], DataType.String, (a, n, _) => MapStrings(a, n, x => Translate(x[0], x[1], x[2]))));
        t.Add("instr", 2, 2, Sig.Simple([Str, Str], DataType.Integer, (a, n, _) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
            ((PrimitiveVector<int>)o).Append(Utf8Text.IndexOf(x[0].Bytes(i), x[1].Bytes(i), 0) + 1))));
        t.Add("locate", 2, 3, Sig.Simple([Str, Str, Int], DataType.Integer, Locate, nullIntolerant: false));
        t.Alias("position", "locate");
        t.Add("initcap", 1, 1, Sig.Simple([Str], DataType.String, (a, n, _) => MapString(a, n, InitCap)));
        t.Add("reverse", 1, 1, BindReverse);
        t.Add("repeat", 2, 2, Sig.Simple([Str, Int], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            var times = x[1].Int(i);
            var s = x[0].Bytes(i);
            var b = (BinaryVector)o;
            if (times <= 0 || s.Length == 0) { b.Append([]); return; }
            CheckLength((long)s.Length * times, "repeat");
            var buf = new byte[checked(s.Length * times)];
            for (var k = 0; k < times; k++) s.CopyTo(buf.AsSpan(k * s.Length));
            b.Append(buf);
        })));
        t.Add("space", 1, 1, Sig.Simple([Int], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            CheckLength(x[0].Int(i), "space");
            ((BinaryVector)o).Append(new string(' ', Math.Max(0, x[0].Int(i))));
        })));
        t.Add("ascii", 1, 1, Sig.Simple([Str], DataType.Integer, (a, n, _) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
        {
            var s = x[0].String(i);
            ((PrimitiveVector<int>)o).Append(s.Length == 0 ? 0 : char.ConvertToUtf32(s, 0));
        })));
        t.Add("chr", 1, 1, Sig.Simple([ExpectedType.Long], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            var v = x[0].Long(i);
            ((BinaryVector)o).Append(v < 0 ? "" : ((char)(v & 0xFF)).ToString());
        })));
        t.Alias("char", "chr");
        t.Add("startswith", 2, 2, r => BindPredicate(r, (s, p) => s.StartsWith(p)));
        t.Add("endswith", 2, 2, r => BindPredicate(r, (s, p) => s.EndsWith(p)));
        t.Add("contains", 2, 2, r => BindPredicate(r, (s, p) => s.IndexOf(p) >= 0));
        t.Add("like", 2, 3, r => BindLike(r, ignoreCase: false));
        t.Add("ilike", 2, 3, r => BindLike(r, ignoreCase: true));
        t.Add("rlike", 2, 2, Sig.Simple([Str, Str], DataType.Boolean, (a, n, _) => RowKernel.Map(a, n, DataType.Boolean, (x, i, o) =>
            ((PrimitiveVector<bool>)o).Append(JavaRegex.Get(x[1].String(i), "rlike").IsMatch(x[0].String(i))))));
        t.Alias("regexp", "rlike");
        t.Alias("regexp_like", "rlike");
        t.Add("regexp_replace", 3, 4, Sig.Simple([Str, Str, Str, Int], DataType.String, RegexpReplace));
        t.Add("regexp_extract", 2, 3, Sig.Simple([Str, Str, Int], DataType.String, (a, n, _) => RegexpExtract(a, n, all: false)));
        t.Add("regexp_extract_all", 2, 3, Sig.Simple([Str, Str, Int], new ArrayType(DataType.String), (a, n, _) => RegexpExtract(a, n, all: true)));
        t.Add("regexp_count", 2, 2, Sig.Simple([Str, Str], DataType.Integer, (a, n, _) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
            ((PrimitiveVector<int>)o).Append(JavaRegex.Get(x[1].String(i), "regexp_count").Count(x[0].String(i))))));
        t.Add("split", 2, 3, Sig.Simple([Str, Str, Int], new ArrayType(DataType.String), (a, n, _) => RowKernel.Map(a, n, new ArrayType(DataType.String), (x, i, o) =>
        {
            var limit = x.Length > 2 ? x[2].Int(i) : -1;
            var parts = JavaRegex.Split(x[0].String(i), JavaRegex.Get(x[1].String(i), "split"), limit);
            ScalarValues.Append(o, parts.Cast<object?>().ToList());
        })));
        t.Add("split_part", 3, 3, Sig.Simple([Str, Str, Int], DataType.String, SplitPart));
        t.Add("substring_index", 3, 3, Sig.Simple([Str, Str, Int], DataType.String, (a, n, _) => MapStrings(a, n, x => SubstringIndex(x[0], x[1], int.Parse(x[2], System.Globalization.CultureInfo.InvariantCulture)))));
        t.Add("format_string", 1, -1, BindFormat);
        t.Alias("printf", "format_string");
        t.Add("base64", 1, 1, Sig.Simple([ExpectedType.Binary], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
            ((BinaryVector)o).Append(Convert.ToBase64String(x[0].Bytes(i))))));
        t.Add("unbase64", 1, 1, Sig.Simple([Str], DataType.Binary, (a, n, c) => RowKernel.Map(a, n, DataType.Binary, (x, i, o) =>
        {
            try { ((BinaryVector)o).Append(Convert.FromBase64String(x[0].String(i))); }
            catch (FormatException) when (!c.AnsiMode) { ScalarValues.AppendNull(o); }
            catch (FormatException)
            {
                throw new ComputeException("CONVERSION_INVALID_INPUT", $"The value '{x[0].String(i)}' (STRING) cannot be converted to BINARY because it is malformed. Correct the value as per the syntax, or change its format. Use `try_to_binary` to tolerate malformed input and return NULL instead.");
            }
        })));
        t.Add("hex", 1, 1, BindHex);
        t.Add("unhex", 1, 1, Sig.Simple([Str], DataType.Binary, (a, n, _) => RowKernel.Map(a, n, DataType.Binary, (x, i, o) =>
        {
            var s = x[0].String(i);
            if (s.Length % 2 == 1) s = "0" + s;
            try { ((BinaryVector)o).Append(Convert.FromHexString(s)); }
            catch (FormatException) { ScalarValues.AppendNull(o); }
        })));
        t.Add("levenshtein", 2, 3, Sig.Simple([Str, Str, Int], DataType.Integer, Levenshtein));
    }

    // ---- helpers ----

    /// <summary>Results larger than this many characters/bytes are refused rather than exhausting memory.</summary>
    private const long MaxResultLength = 1 << 28;

    private static void CheckLength(long length, string function)
    {
        if (length > MaxResultLength)
            throw new ComputeException("INVALID_PARAMETER_VALUE.LENGTH",
                $"The value of parameter(s) `len` in `{function}` is invalid: the result would have {length} characters, more than the supported {MaxResultLength}.");
    }

    private delegate bool AsciiFn(ReadOnlySpan<byte> input, Span<byte> output);

    private static ColumnarValue MapString(ColumnarValue[] a, int n, Func<string, string> f, AsciiFn? ascii = null)
    {
        var buffer = Array.Empty<byte>();
        return RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            var bytes = x[0].Bytes(i);
            if (ascii is not null && Ascii.IsValid(bytes))
            {
                if (buffer.Length < bytes.Length) buffer = new byte[Math.Max(bytes.Length, 256)];
                if (ascii(bytes, buffer))
                {
                    ((BinaryVector)o).Append(buffer.AsSpan(0, bytes.Length));
                    return;
                }
            }
            ((BinaryVector)o).Append(f(x[0].String(i)));
        });
    }

    private static bool AsciiCase(ReadOnlySpan<byte> s, Span<byte> output, bool upper) =>
        (upper ? Ascii.ToUpper(s, output, out _) : Ascii.ToLower(s, output, out _)) == OperationStatus.Done;

    private delegate ReadOnlySpan<byte> BytesFn(ArgReader[] x, int row);

    private static ColumnarValue MapBytes(ColumnarValue[] a, int n, BytesFn f) =>
        RowKernel.Map(a, n, DataType.String, (x, i, o) => ((BinaryVector)o).Append(f(x, i)));

    private static ColumnarValue MapStrings(ColumnarValue[] a, int n, Func<string[], string> f) =>
        RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            var s = new string[x.Length];
            for (var k = 0; k < x.Length; k++) s[k] = x[k].Type is IntegerType ? x[k].Int(i).ToString(System.Globalization.CultureInfo.InvariantCulture) : x[k].String(i);
            ((BinaryVector)o).Append(f(s));
        });

    // ---- concat ----

    private static BindResult BindConcat(BindRequest r)
    {
        if (r.Count > 0 && r.Args.All(t => t is ArrayType or NullType) && r.Args.Any(t => t is ArrayType))
            return CollectionFunctions.BindArrayConcat(r);
        var binary = r.Count > 0 && r.Args.All(t => t is BinaryType or NullType) && r.Args.Any(t => t is BinaryType);
        DataType target = binary ? DataType.Binary : DataType.String;
        var types = new DataType[r.Count];
        for (var i = 0; i < r.Count; i++)
        {
            if (TypeCoercion.ImplicitCast(r[i], ExpectedType.Of(target), r.Ansi) is null)
                return r.UnexpectedType(i, ExpectedType.Either(ExpectedType.String, ExpectedType.Binary, ExpectedType.AnyArray));
            types[i] = target;
        }
        return r.Ok(types, target, (a, n, _) =>
        {
            if (a.Length == 0) return ColumnarValue.OfScalar(target, binary ? Array.Empty<byte>() : "");
            return RowKernel.Map(a, n, target, (x, i, o) =>
            {
                var total = 0;
                foreach (var arg in x) total += arg.Bytes(i).Length;
                var buf = ArrayPool<byte>.Shared.Rent(Math.Max(total, 1));
                try
                {
                    var pos = 0;
                    foreach (var arg in x)
                    {
                        var b = arg.Bytes(i);
                        b.CopyTo(buf.AsSpan(pos));
                        pos += b.Length;
                    }
                    ((BinaryVector)o).Append(buf.AsSpan(0, total));
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buf);
                }
            });
        });
    }

    private static BindResult BindConcatWs(BindRequest r)
    {
        var types = new DataType[r.Count];
        for (var i = 0; i < r.Count; i++)
        {
            if (i > 0 && r[i] is ArrayType at && TypeCoercion.ImplicitCast(at.ElementType, Str, r.Ansi) is not null)
                types[i] = new ArrayType(DataType.String);
            else if (TypeCoercion.ImplicitCast(r[i], Str, r.Ansi) is not null) types[i] = DataType.String;
            else return r.UnexpectedType(i, ExpectedType.Either(ExpectedType.String, new ExpectedType.ArrayOf(ExpectedType.String)));
        }
        return r.Ok(types, DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            if (x[0].IsNull(i))
            {
                ScalarValues.AppendNull(o);
                return;
            }
            var parts = new List<string>();
            for (var k = 1; k < x.Length; k++)
            {
                if (x[k].IsNull(i)) continue;
                if (x[k].Type is ArrayType)
                {
                    foreach (var item in (System.Collections.IList)x[k].Object(i)!)
                        if (item is not null) parts.Add((string)item);
                }
                else parts.Add(x[k].String(i));
            }
            ((BinaryVector)o).Append(string.Join(x[0].String(i), parts));
        }, nullIntolerant: false), nullIntolerant: false);
    }

    private static BindResult BindBytesLength(BindRequest r, int factor)
    {
        DataType t = r[0] is BinaryType ? DataType.Binary : DataType.String;
        if (t is StringType && TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.StringOrBinary);
        return r.Ok([t], DataType.Integer, (a, n, _) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) => ((PrimitiveVector<int>)o).Append(x[0].Bytes(i).Length * factor)));
    }

    // ---- substring ----

    private static BindResult BindSubstring(BindRequest r)
    {
        var binary = r[0] is BinaryType;
        DataType st = binary ? DataType.Binary : DataType.String;
        if (!binary && TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.StringOrBinary);
        for (var i = 1; i < r.Count; i++)
            if (TypeCoercion.ImplicitCast(r[i], Int, r.Ansi) is null) return r.UnexpectedType(i, Int);
        DataType[] types = r.Count == 3 ? [st, DataType.Integer, DataType.Integer] : [st, DataType.Integer];
        return r.Ok(types, st, (a, n, _) => RowKernel.Map(a, n, st, (x, i, o) =>
        {
            var len = x.Length > 2 ? x[2].Int(i) : int.MaxValue;
            ((BinaryVector)o).Append(Utf8Text.SubstringSql(x[0].Bytes(i), x[1].Int(i), len, binary));
        }));
    }

    // ---- trim ----

    private static void AddTrim(FunctionTable t, string name, bool both, bool left) => t.Add(name, 1, 2, Sig.Simple([Str, Str], DataType.String, (a, n, _) =>
        RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            var s = x[0].Bytes(i);
            if (a.Length == 1)
            {
                var start = 0;
                var end = s.Length;
                if (both || left) while (start < end && s[start] == ' ') start++;
                if (both || !left) while (end > start && s[end - 1] == ' ') end--;
                ((BinaryVector)o).Append(s[start..end]);
                return;
            }
            var chars = Utf8Text.CodePoints(x[1].String(i));
            var cps = Utf8Text.CodePoints(x[0].String(i));
            int from = 0, to = cps.Length;
            if (both || left) while (from < to && Array.IndexOf(chars, cps[from]) >= 0) from++;
            if (both || !left) while (to > from && Array.IndexOf(chars, cps[to - 1]) >= 0) to--;
            ((BinaryVector)o).Append(Utf8Text.FromCodePoints(cps[from..to]));
        })));

    // ---- padding ----

    private static BindResult BindPad(BindRequest r, bool left)
    {
        var binary = r[0] is BinaryType && (r.Count < 3 || r[2] is BinaryType);
        DataType st = binary ? DataType.Binary : DataType.String;
        if (!binary && TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.StringOrBinary);
        if (TypeCoercion.ImplicitCast(r[1], Int, r.Ansi) is null) return r.UnexpectedType(1, Int);
        if (r.Count == 3 && !binary && TypeCoercion.ImplicitCast(r[2], Str, r.Ansi) is null) return r.UnexpectedType(2, ExpectedType.StringOrBinary);
        DataType[] types = r.Count == 3 ? [st, DataType.Integer, st] : [st, DataType.Integer];
        return r.Ok(types, st, (a, n, _) => RowKernel.Map(a, n, st, (x, i, o) =>
        {
            var len = x[1].Int(i);
            CheckLength(len, left ? "lpad" : "rpad");
            var b = (BinaryVector)o;
            if (binary)
            {
                var s = x[0].Bytes(i);
                var pad = x.Length > 2 ? x[2].Bytes(i) : [0];
                b.Append(PadBytes(s, len, pad, left));
                return;
            }
            var cps = Utf8Text.CodePoints(x[0].String(i));
            var padCps = x.Length > 2 ? Utf8Text.CodePoints(x[2].String(i)) : [' '];
            var spaces = (int)Math.Max(-1L, (long)len - cps.Length);
            if (spaces <= 0 || padCps.Length == 0)
            {
                b.Append(Utf8Text.FromCodePoints(cps.Take(Math.Max(0, Math.Min(len, cps.Length)))));
                return;
            }
            var fill = new int[spaces];
            for (var k = 0; k < spaces; k++) fill[k] = padCps[k % padCps.Length];
            b.Append(Utf8Text.FromCodePoints(left ? fill.Concat(cps) : cps.Concat(fill)));
        }));
    }

    private static byte[] PadBytes(ReadOnlySpan<byte> s, int len, ReadOnlySpan<byte> pad, bool left)
    {
        if (len <= s.Length || pad.Length == 0) return s[..Math.Max(0, Math.Min(len, s.Length))].ToArray();
        var r = new byte[len];
        var fill = len - s.Length;
        var dst = left ? r.AsSpan(0, fill) : r.AsSpan(s.Length, fill);
        for (var k = 0; k < fill; k++) dst[k] = pad[k % pad.Length];
        s.CopyTo(left ? r.AsSpan(fill) : r.AsSpan(0, s.Length));
        return r;
    }

    // ---- others ----

    private static string Translate(string input, string from, string to)
    {
        var map = new Dictionary<int, int>();
        var fromCps = Utf8Text.CodePoints(from);
        var toCps = Utf8Text.CodePoints(to);
        for (var k = 0; k < fromCps.Length; k++)
            map.TryAdd(fromCps[k], k < toCps.Length ? toCps[k] : -1);
        var result = new List<int>();
        foreach (var cp in Utf8Text.CodePoints(input))
        {
            if (!map.TryGetValue(cp, out var m)) result.Add(cp);
            else if (m >= 0) result.Add(m);
        }
        return Utf8Text.FromCodePoints(result);
    }

    private static ColumnarValue Locate(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
    {
        var v = (PrimitiveVector<int>)o;
        // Spark: a null start gives 0; a null string or substring gives null.
        if (x.Length > 2 && x[2].IsNull(i)) { v.Append(0); return; }
        if (x[0].IsNull(i) || x[1].IsNull(i)) { v.AppendNull(); return; }
        var start = x.Length > 2 ? x[2].Int(i) : 1;
        if (start < 1) { v.Append(0); return; }
        v.Append(Utf8Text.IndexOf(x[1].Bytes(i), x[0].Bytes(i), start - 1) + 1);
    }, nullIntolerant: false);

    /// <summary>Spark's initcap: lower-case everything, then upper-case the first letter after each space.</summary>
    private static string InitCap(string s)
    {
        var lower = s.ToLowerInvariant().ToCharArray();
        for (var k = 0; k < lower.Length; k++)
            if (k == 0 || lower[k - 1] == ' ') lower[k] = char.ToUpperInvariant(lower[k]);
        return new string(lower);
    }

    private static BindResult BindReverse(BindRequest r)
    {
        if (r[0] is ArrayType at)
            return r.Ok([at], at, (a, n, _) => RowKernel.Map(a, n, at, (x, i, o) =>
            {
                var list = ((System.Collections.IList)x[0].Object(i)!).Cast<object?>().ToList();
                list.Reverse();
                ScalarValues.Append(o, list);
            }));
        if (TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.String, ExpectedType.AnyArray));
        return r.Ok([DataType.String], DataType.String, (a, n, _) => MapString(a, n, s =>
        {
            var cps = Utf8Text.CodePoints(s);
            Array.Reverse(cps);
            return Utf8Text.FromCodePoints(cps);
        }));
    }

    private static BindResult BindPredicate(BindRequest r, Func<ReadOnlySpan<byte>, ReadOnlySpan<byte>, bool> test)
    {
        var binary = r[0] is BinaryType && r[1] is BinaryType;
        DataType t = binary ? DataType.Binary : DataType.String;
        for (var i = 0; i < 2; i++)
            if (!binary && TypeCoercion.ImplicitCast(r[i], Str, r.Ansi) is null) return r.UnexpectedType(i, ExpectedType.StringOrBinary);
        return r.Ok([t, t], DataType.Boolean, (a, n, _) => RowKernel.Map(a, n, DataType.Boolean, (x, i, o) =>
            ((PrimitiveVector<bool>)o).Append(test(x[0].Bytes(i), x[1].Bytes(i)))));
    }

    // ---- LIKE ----

    private static BindResult BindLike(BindRequest r, bool ignoreCase)
    {
        for (var i = 0; i < 2; i++)
            if (TypeCoercion.ImplicitCast(r[i], Str, r.Ansi) is null) return r.UnexpectedType(i, Str);
        DataType[] types = r.Count == 3 ? [DataType.String, DataType.String, DataType.String] : [DataType.String, DataType.String];
        return r.Ok(types, DataType.Boolean, (a, n, _) => Like(a, n, ignoreCase));
    }

    private static ColumnarValue Like(ColumnarValue[] a, int n, bool ignoreCase)
    {
        var escape = a.Length > 2 && a[2].IsScalar && a[2].Scalar is string e && e.Length > 0 ? e[0] : '\\';
        if (a[1].IsScalar && !a[0].IsScalar && a[1].Scalar is string pattern && !ignoreCase && (a.Length < 3 || a[2].IsScalar))
        {
            // column LIKE literal: compile once, match bytes in place.
            var matcher = LikeMatcher.Compile(pattern, escape);
            var col = (BinaryVector)a[0].Vector!;
            var r = Kernels.NewVector<bool>(DataType.Boolean, n);
            var dst = r.Values;
            var data = col.Data;
            var off = col.Offsets;
            for (var i = 0; i < n; i++) dst[i] = matcher.Matches(data.AsSpan(off[i], off[i + 1] - off[i]));
            Kernels.AndValidity(r, col.Validity, null, n);
            return ColumnarValue.Of(r);
        }
        LikeMatcher? cached = null;
        string? cachedPattern = null;
        return RowKernel.Map(a, n, DataType.Boolean, (x, i, o) =>
        {
            var p = x[1].String(i);
            if (ignoreCase) p = p.ToLowerInvariant();
            if (cached is null || cachedPattern != p)
            {
                var esc = x.Length > 2 && x[2].String(i).Length > 0 ? x[2].String(i)[0] : '\\';
                cached = LikeMatcher.Compile(p, esc);
                cachedPattern = p;
            }
            var input = ignoreCase ? Encoding.UTF8.GetBytes(x[0].String(i).ToLowerInvariant()) : x[0].Bytes(i);
            ((PrimitiveVector<bool>)o).Append(cached.Matches(input));
        });
    }

    // ---- regular expressions ----

    private static ColumnarValue RegexpReplace(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
    {
        var s = x[0].String(i);
        var regex = JavaRegex.Get(x[1].String(i), "regexp_replace");
        var rep = JavaRegex.TranslateReplacement(x[2].String(i));
        var pos = x.Length > 3 ? x[3].Int(i) : 1;
        if (pos < 1) throw ComputeErrors.InvalidParameterValue("position", "regexp_replace", $"Expects a positive value, but got {pos}.");
        var startChar = Math.Min(pos - 1, s.Length);
        ((BinaryVector)o).Append(s[..startChar] + regex.Replace(s[startChar..], rep));
    });

    private static ColumnarValue RegexpExtract(ColumnarValue[] a, int n, bool all)
    {
        var rt = all ? new ArrayType(DataType.String) : (DataType)DataType.String;
        return RowKernel.Map(a, n, rt, (x, i, o) =>
        {
            var regex = JavaRegex.Get(x[1].String(i), all ? "regexp_extract_all" : "regexp_extract");
            var idx = x.Length > 2 ? x[2].Int(i) : 1;
            var groups = regex.GetGroupNumbers().Length - 1;
            if (idx < 0) throw ComputeErrors.InvalidParameterValue("idx", all ? "regexp_extract_all" : "regexp_extract", $"The regex group index {idx} is negative.");
            if (idx > groups)
                throw new ComputeException("INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
                    $"The value of parameter(s) `idx` in `{(all ? "regexp_extract_all" : "regexp_extract")}` is invalid: Expects group index between 0 and {groups}, but got {idx}.");
            var s = x[0].String(i);
            if (all)
            {
                var list = new List<object?>();
                foreach (System.Text.RegularExpressions.Match m in regex.Matches(s))
                    list.Add(m.Groups[idx].Success ? m.Groups[idx].Value : "");
                ScalarValues.Append(o, list);
                return;
            }
            var match = regex.Match(s);
            ((BinaryVector)o).Append(match.Success && match.Groups[idx].Success ? match.Groups[idx].Value : "");
        });
    }

    private static ColumnarValue SplitPart(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
    {
        var s = x[0].String(i);
        var delim = x[1].String(i);
        var part = x[2].Int(i);
        if (part == 0) throw ComputeErrors.InvalidIndexOfZero();
        var parts = delim.Length == 0 ? [s] : s.Split(delim);
        var k = part > 0 ? part - 1 : parts.Length + part;
        ((BinaryVector)o).Append(k >= 0 && k < parts.Length ? parts[k] : "");
    });

    /// <summary>substring_index: everything before the count-th delimiter (from the right when negative).</summary>
    private static string SubstringIndex(string s, string delim, int count)
    {
        if (delim.Length == 0 || count == 0) return "";
        if (count > 0)
        {
            var idx = -1;
            for (var k = 0; k < count; k++)
            {
                idx = s.IndexOf(delim, idx + (k == 0 ? 1 : delim.Length), StringComparison.Ordinal);
                if (idx < 0) return s;
            }
            return s[..idx];
        }
        var r = s.Length;
        for (var k = 0; k < -count; k++)
        {
            r = r - 1 < 0 ? -1 : s.LastIndexOf(delim, r - 1, StringComparison.Ordinal);
            if (r < 0) return s;
        }
        return s[(r + delim.Length)..];
    }

    private static BindResult BindFormat(BindRequest r)
    {
        if (TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null) return r.UnexpectedType(0, Str);
        var types = r.Args.Select((t, i) => i == 0 ? DataType.String : t is NullType ? DataType.String : t).ToArray();
        return r.Ok(types, DataType.String, (a, n, c) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            if (x[0].IsNull(i))
            {
                ScalarValues.AppendNull(o);
                return;
            }
            var args = new object?[x.Length - 1];
            for (var k = 1; k < x.Length; k++)
            {
                var v = x[k].IsNull(i) ? null : x[k].Object(i);
                args[k - 1] = v is not null && x[k].Type is DateType or TimestampType or TimestampNtzType ? CastKernel.Format(v, x[k].Type, c.SessionTimeZone) : v;
            }
            ((BinaryVector)o).Append(JavaFormatter.Format(x[0].String(i), args));
        }, nullIntolerant: false), nullIntolerant: false);
    }

    private static BindResult BindHex(BindRequest r)
    {
        if (TypeCoercion.IsIntegral(r[0]))
            return r.Ok([DataType.Long], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
                ((BinaryVector)o).Append(x[0].Long(i).ToString("X", System.Globalization.CultureInfo.InvariantCulture))));
        DataType t = r[0] is BinaryType ? DataType.Binary : DataType.String;
        if (t is StringType && TypeCoercion.ImplicitCast(r[0], Str, r.Ansi) is null)
            return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.Long, ExpectedType.Binary, ExpectedType.String));
        return r.Ok([t], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
            ((BinaryVector)o).Append(Convert.ToHexString(x[0].Bytes(i)))));
    }

    private static ColumnarValue Levenshtein(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
    {
        var s = Utf8Text.CodePoints(x[0].String(i));
        var t = Utf8Text.CodePoints(x[1].String(i));
        var prev = new int[t.Length + 1];
        var cur = new int[t.Length + 1];
        for (var k = 0; k <= t.Length; k++) prev[k] = k;
        for (var p = 1; p <= s.Length; p++)
        {
            cur[0] = p;
            for (var q = 1; q <= t.Length; q++)
                cur[q] = Math.Min(Math.Min(cur[q - 1] + 1, prev[q] + 1), prev[q - 1] + (s[p - 1] == t[q - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        var d = prev[t.Length];
        if (x.Length > 2 && d > x[2].Int(i)) d = -1;
        ((PrimitiveVector<int>)o).Append(d);
    });
}
