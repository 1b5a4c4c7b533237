using System.Collections;
using System.Reflection;

namespace DeltaSharp.Parquet.Tests.Format;

/// <summary>Structural equality of metadata objects by their public properties (independent of the Thrift code).</summary>
internal static class MetadataAssert
{
    public static void Equal(object? expected, object? actual, string path = "$")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }
        var type = expected.GetType();
        Assert.True(type == actual.GetType(), $"{path}: type {type.Name} vs {actual.GetType().Name}");
        switch (expected)
        {
            case byte[] eb:
                Assert.True(eb.AsSpan().SequenceEqual((byte[])actual), $"{path}: bytes differ");
                return;
            case string or ValueType:
                Assert.True(expected.Equals(actual), $"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case IList el:
                var al = (IList)actual;
                Assert.True(el.Count == al.Count, $"{path}: count {el.Count} vs {al.Count}");
                for (var i = 0; i < el.Count; i++) Equal(el[i], al[i], $"{path}[{i}]");
                return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0) continue;
            Equal(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}");
        }
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        byte[] b => Convert.ToHexString(b),
        _ => o.ToString() ?? "",
    };
}
