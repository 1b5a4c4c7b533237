using System.Diagnostics.CodeAnalysis;

namespace DeltaSharp.Tables.Actions;

/// <summary>
/// An immutable string → string-or-null map stored as two arrays: what partitionValues and tags hold (a handful of
/// entries per file, for 100,000s of files). One object plus two arrays instead of a Dictionary's three objects
/// with buckets; lookups scan (the maps are small). Keys are unique (the last duplicate wins when built).
/// </summary>
internal sealed class SmallStringMap : IReadOnlyDictionary<string, string?>
{
    public static readonly SmallStringMap Empty = new([], []);

    private readonly string[] _keys;
    private readonly string?[] _values;

    private SmallStringMap(string[] keys, string?[] values)
    {
        _keys = keys;
        _values = values;
    }

    private const int MaxEntries = 16;

    /// <summary>Builds a map from parallel lists (duplicate keys: the last wins, as a JSON object parser would).
    /// Larger maps than a handful of entries get a hashed dictionary instead.</summary>
    public static IReadOnlyDictionary<string, string?> Create(List<string> keys, List<string?> values)
    {
        if (keys.Count == 0) return Empty;
        if (keys.Count > MaxEntries)
        {
            var map = new Dictionary<string, string?>(keys.Count, StringComparer.Ordinal);
            for (var i = 0; i < keys.Count; i++) map[keys[i]] = values[i];
            return map;
        }
        var k = new List<string>(keys.Count);
        var v = new List<string?>(keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            var existing = k.IndexOf(keys[i]);
            if (existing >= 0) v[existing] = values[i];
            else
            {
                k.Add(keys[i]);
                v.Add(values[i]);
            }
        }
        return new SmallStringMap([.. k], [.. v]);
    }

    public int Count => _keys.Length;

    public string? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"'{key}' is not in the map.");

    public IEnumerable<string> Keys => _keys;

    public IEnumerable<string?> Values => _values;

    public bool ContainsKey(string key) => Array.IndexOf(_keys, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string? value)
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            if (string.Equals(_keys[i], key, StringComparison.Ordinal))
            {
                value = _values[i];
                return true;
            }
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string?>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++) yield return new KeyValuePair<string, string?>(_keys[i], _values[i]);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
