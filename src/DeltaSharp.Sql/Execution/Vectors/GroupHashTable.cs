using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Maps key tuples to dense group ids 0, 1, 2, … in order of first appearance (open addressing, linear probing,
/// stored hashes). The distinct keys are kept column-wise in <see cref="Keys"/>. Null equals null, NaN equals NaN
/// (grouping semantics). The building block of hash aggregation, DISTINCT, set operations and hash joins. A single
/// integral key (int, long, date, timestamp, decimal ≤ 18 digits) and a single string/binary key have typed
/// loops; other key sets go through the generic per-column comparison. Not thread-safe.
/// </summary>
internal sealed class GroupHashTable
{
    private enum Shape
    {
        Generic,
        Integral,
        Binary,
    }

    private readonly Shape _shape;
    private long[] _longKeys = [];
    // Integral shape: key and group id side by side, so a probe touches one cache line.
    private IntegralEntry[] _entries = [];

    private struct IntegralEntry
    {
        public long Key;
        public int Group; // group id + 1; 0 = empty
    }
    // Binary shape: hash, the key's length and up to 16 key bytes inline (longer keys: their first and last 8 bytes, then
    // the stored bytes are compared), so most probes touch one entry and no key data.
    private BinaryEntry[] _binEntries = [];

    private struct BinaryEntry
    {
        public ulong Hash;
        public ulong A;
        public ulong B;
        public int Group; // group id + 1; 0 = empty
        public int Length;
    }

    private int _nullGroup = -1;
    private readonly ColumnVector[] _keys;
    private ulong[] _groupHashes = new ulong[64];
    private int[] _slots = new int[128]; // group id + 1; 0 = empty
    private int _mask = 127;
    private ulong[] _hashBuffer = new ulong[256];
    private readonly List<int> _pendingRows = [];

    public GroupHashTable(IReadOnlyList<DataType> keyTypes)
    {
        _keys = new ColumnVector[keyTypes.Count];
        for (var i = 0; i < _keys.Length; i++) _keys[i] = ColumnVector.Create(keyTypes[i], 64);
        _shape = keyTypes.Count != 1 ? Shape.Generic : keyTypes[0].Physical switch
        {
            PhysicalKind.Int8 or PhysicalKind.Int16 or PhysicalKind.Int32 or PhysicalKind.Int64 => Shape.Integral,
            PhysicalKind.Binary => Shape.Binary,
            _ => Shape.Generic,
        };
        if (_shape == Shape.Integral)
        {
            _longKeys = new long[64];
            _entries = new IntegralEntry[_slots.Length];
        }
        if (_shape == Shape.Binary)
        {
            _binEntries = new BinaryEntry[_slots.Length];
            _slots = [];
        }
    }

    /// <summary>Number of distinct keys so far.</summary>
    public int GroupCount { get; private set; }

    /// <summary>The distinct keys, one vector per key column, row g = group g.</summary>
    public ColumnVector[] Keys => _keys;

    /// <summary>Hashes of rows [0, count) of dense key columns (reusable buffer, valid until the next call).</summary>
    public ReadOnlySpan<ulong> HashRows(ColumnVector[] keyColumns, int count)
    {
        if (_hashBuffer.Length < count) _hashBuffer = new ulong[BitOperations.RoundUpToPowerOf2((uint)count)];
        var hashes = _hashBuffer.AsSpan(0, count);
        if (keyColumns.Length == 0) hashes.Fill(0x1234567UL);
        for (var c = 0; c < keyColumns.Length; c++) VectorHasher.Hash(keyColumns[c], count, hashes, c > 0);
        return hashes;
    }

    /// <summary>Sets <paramref name="groupIds"/>[i] to the group of row i of the dense <paramref name="keyColumns"/>,
    /// adding new groups for unseen keys.</summary>
    public void FindOrInsert(ColumnVector[] keyColumns, int count, Span<int> groupIds)
    {
        if (_shape == Shape.Integral)
        {
            FindOrInsertIntegral(keyColumns[0], count, groupIds);
            return;
        }
        if (_shape == Shape.Binary)
        {
            FindOrInsertBinary((BinaryVector)keyColumns[0], count, groupIds);
            return;
        }
        var hashes = HashRows(keyColumns, count);
        var firstNew = GroupCount;
        _pendingRows.Clear();
        for (var i = 0; i < count; i++)
        {
            var h = hashes[i];
            var slot = (int)(h & (ulong)_mask);
            while (true)
            {
                var s = _slots[slot];
                if (s == 0)
                {
                    var g = GroupCount++;
                    if (g == _groupHashes.Length) Array.Resize(ref _groupHashes, g * 2);
                    _groupHashes[g] = h;
                    _slots[slot] = g + 1;
                    _pendingRows.Add(i);
                    groupIds[i] = g;
                    if (GroupCount * 2 > _slots.Length) Grow();
                    break;
                }
                var candidate = s - 1;
                if (_groupHashes[candidate] == h && RowEquals(candidate, firstNew, keyColumns, i))
                {
                    groupIds[i] = candidate;
                    break;
                }
                slot = (slot + 1) & _mask;
            }
        }
        if (_pendingRows.Count > 0)
        {
            var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pendingRows);
            for (var c = 0; c < _keys.Length; c++) VectorCopier.AppendRows(_keys[c], keyColumns[c], rows);
        }
    }

    /// <summary>Sets <paramref name="groupIds"/>[i] to the group of row i, or -1 when the key is not in the table.</summary>
    public void Find(ColumnVector[] keyColumns, int count, Span<int> groupIds)
    {
        if (_shape == Shape.Integral && keyColumns[0] is PrimitiveVector<long> or PrimitiveVector<int>)
        {
            FindIntegral(keyColumns[0], count, groupIds);
            return;
        }
        var hashes = HashRows(keyColumns, count);
        for (var i = 0; i < count; i++) groupIds[i] = Find(hashes[i], keyColumns, i);
    }

    /// <summary>The group of row <paramref name="row"/> with precomputed hash <paramref name="hash"/>, or -1.</summary>
    public int Find(ulong hash, ColumnVector[] keyColumns, int row)
    {
        if (_shape != Shape.Generic)
        {
            var key = keyColumns[0];
            if (key.IsNull(row)) return _nullGroup;
            if (_shape == Shape.Integral)
            {
                var v = ReadLong(key, row);
                var s0 = (int)(hash & (ulong)_mask);
                var entries = _entries;
                while (true)
                {
                    ref var e = ref entries[s0];
                    if (e.Group == 0) return -1;
                    if (e.Key == v) return e.Group - 1;
                    s0 = (s0 + 1) & _mask;
                }
            }
            var bytes = ((BinaryVector)key).GetBytes(row);
            var (a, b) = Inline(bytes);
            var s1 = (int)(hash & (ulong)_mask);
            var bin = _binEntries;
            while (true)
            {
                ref var e = ref bin[s1];
                if (e.Group == 0) return -1;
                if (e.Hash == hash && e.Length == bytes.Length && e.A == a && e.B == b && (bytes.Length <= 16 || StoredEquals(e.Group - 1, bytes)))
                    return e.Group - 1;
                s1 = (s1 + 1) & _mask;
            }
        }
        var slot = (int)(hash & (ulong)_mask);
        while (true)
        {
            var s = _slots[slot];
            if (s == 0) return -1;
            var candidate = s - 1;
            if (_groupHashes[candidate] == hash && RowEquals(candidate, GroupCount, keyColumns, row)) return candidate;
            slot = (slot + 1) & _mask;
        }
    }

    private static long ReadLong(ColumnVector v, int row) => v switch
    {
        PrimitiveVector<long> x => x[row],
        PrimitiveVector<int> x => x[row],
        PrimitiveVector<short> x => x[row],
        PrimitiveVector<sbyte> x => x[row],
        _ => throw new NotSupportedException(v.Type.ToString()),
    };

    private int NewGroup(ulong hash, int slot)
    {
        var g = GroupCount++;
        if (g == _groupHashes.Length) Array.Resize(ref _groupHashes, g * 2);
        _groupHashes[g] = hash;
        if (slot >= 0) _slots[slot] = g + 1;
        return g;
    }

    private void FindOrInsertIntegral(ColumnVector key, int count, Span<int> groupIds)
    {
        _pendingRows.Clear();
        // One typed copy of the batch's values as long (the vector's own array for long keys).
        long[] values;
        if (key is PrimitiveVector<long> lv) values = lv.Values;
        else
        {
            values = new long[count];
            switch (key)
            {
                case PrimitiveVector<int> iv:
                {
                    var src = iv.Values;
                    for (var i = 0; i < count; i++) values[i] = src[i];
                    break;
                }
                default:
                    for (var i = 0; i < count; i++) values[i] = ReadLong(key, i);
                    break;
            }
        }
        var hasNulls = key.HasNulls;
        // Hashes first, so the probe loop can prefetch the slots of rows a little ahead (the table is usually larger
        // than the caches when there are many groups).
        if (_hashBuffer.Length < count) _hashBuffer = new ulong[BitOperations.RoundUpToPowerOf2((uint)count)];
        var hashes = _hashBuffer;
        for (var i = 0; i < count; i++) hashes[i] = VectorHasher.Mix((ulong)values[i]);
        const int Ahead = 16;
        for (var i = 0; i < count; i++)
        {
            if (i + Ahead < count) Prefetch(ref _entries[(int)(hashes[i + Ahead] & (ulong)_mask)]);
            if (hasNulls && key.IsNull(i))
            {
                if (_nullGroup < 0)
                {
                    _nullGroup = NewGroup(VectorHasher.HashRow(key, i), -1);
                    EnsureLongKeys(_nullGroup);
                    _pendingRows.Add(i);
                    if (GroupCount * 2 > _slots.Length) Grow();
                }
                groupIds[i] = _nullGroup;
                continue;
            }
            var v = values[i];
            var h = hashes[i];
            var slot = (int)(h & (ulong)_mask);
            var entries = _entries;
            while (true)
            {
                ref var e = ref entries[slot];
                if (e.Group == 0)
                {
                    var g = NewGroup(h, -1);
                    EnsureLongKeys(g);
                    _longKeys[g] = v;
                    e.Key = v;
                    e.Group = g + 1;
                    _pendingRows.Add(i);
                    groupIds[i] = g;
                    if (GroupCount * 2 > _entries.Length) Grow();
                    break;
                }
                if (e.Key == v)
                {
                    groupIds[i] = e.Group - 1;
                    break;
                }
                slot = (slot + 1) & _mask;
            }
        }
        if (_pendingRows.Count > 0)
            VectorCopier.AppendRows(_keys[0], key, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pendingRows));
    }

    private void FindIntegral(ColumnVector key, int count, Span<int> groupIds)
    {
        var entries = _entries;
        var mask = _mask;
        var longs = key as PrimitiveVector<long>;
        var ints = key as PrimitiveVector<int>;
        var hasNulls = key.HasNulls;
        for (var i = 0; i < count; i++)
        {
            if (hasNulls && key.IsNull(i))
            {
                groupIds[i] = _nullGroup;
                continue;
            }
            var v = longs is not null ? longs.Values[i] : ints!.Values[i];
            var slot = (int)(VectorHasher.Mix((ulong)v) & (ulong)mask);
            var found = -1;
            while (true)
            {
                ref var e = ref entries[slot];
                if (e.Group == 0) break;
                if (e.Key == v)
                {
                    found = e.Group - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            groupIds[i] = found;
        }
    }

    private static unsafe void Prefetch(ref IntegralEntry entry)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref entry));
    }

    private void EnsureLongKeys(int g)
    {
        if (g >= _longKeys.Length) Array.Resize(ref _longKeys, Math.Max(g + 1, _longKeys.Length * 2));
    }

    private void FindOrInsertBinary(BinaryVector key, int count, Span<int> groupIds)
    {
        var stored = (BinaryVector)_keys[0];
        var hasNulls = key.HasNulls;
        var data = key.Data;
        var offsets = key.Offsets;
        // Hashes first, so the probe loop can prefetch the entries of rows a little ahead.
        if (_hashBuffer.Length < count) _hashBuffer = new ulong[BitOperations.RoundUpToPowerOf2((uint)count)];
        var hashes = _hashBuffer;
        for (var i = 0; i < count; i++) hashes[i] = VectorHasher.HashBytes(new ReadOnlySpan<byte>(data, offsets[i], offsets[i + 1] - offsets[i]));
        const int Ahead = 8;
        for (var i = 0; i < count; i++)
        {
            if (i + Ahead < count) Prefetch(ref _binEntries[(int)(hashes[i + Ahead] & (ulong)_mask)]);
            if (hasNulls && key.IsNull(i))
            {
                if (_nullGroup < 0)
                {
                    _nullGroup = NewGroup(VectorHasher.HashRow(key, i), -1);
                    stored.AppendNull();
                    if (GroupCount * 2 > _binEntries.Length) Grow();
                }
                groupIds[i] = _nullGroup;
                continue;
            }
            var bytes = new ReadOnlySpan<byte>(data, offsets[i], offsets[i + 1] - offsets[i]);
            var (a, b) = Inline(bytes);
            var h = hashes[i];
            var slot = (int)(h & (ulong)_mask);
            var entries = _binEntries;
            while (true)
            {
                ref var e = ref entries[slot];
                if (e.Group == 0)
                {
                    var g = NewGroup(h, -1);
                    stored.Append(bytes);
                    e.Hash = h;
                    e.A = a;
                    e.B = b;
                    e.Length = bytes.Length;
                    e.Group = g + 1;
                    groupIds[i] = g;
                    if (GroupCount * 2 > entries.Length) Grow();
                    break;
                }
                if (e.Hash == h && e.Length == bytes.Length && e.A == a && e.B == b && (bytes.Length <= 16 || StoredEquals(e.Group - 1, bytes)))
                {
                    groupIds[i] = e.Group - 1;
                    break;
                }
                slot = (slot + 1) & _mask;
            }
        }
    }

    private bool StoredEquals(int group, ReadOnlySpan<byte> bytes)
    {
        var stored = (BinaryVector)_keys[0];
        var so = stored.Offsets;
        return new ReadOnlySpan<byte>(stored.Data, so[group], so[group + 1] - so[group]).SequenceEqual(bytes);
    }

    /// <summary>Up to 16 bytes as two words that, with the length, identify the bytes exactly (overlapping reads for
    /// 4..16 bytes); for longer keys the first and last 8 bytes.</summary>
    private static (ulong A, ulong B) Inline(ReadOnlySpan<byte> bytes)
    {
        var len = bytes.Length;
        ref var start = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes);
        if (len >= 8)
            return (System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref start),
                System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref start, len - 8)));
        if (len >= 4)
            return (System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(ref start),
                System.Runtime.CompilerServices.Unsafe.ReadUnaligned<uint>(ref System.Runtime.CompilerServices.Unsafe.Add(ref start, len - 4)));
        ulong v = 0;
        for (var i = 0; i < len; i++) v |= (ulong)System.Runtime.CompilerServices.Unsafe.Add(ref start, i) << (8 * i);
        return (v, 0);
    }

    private static unsafe void Prefetch(ref BinaryEntry entry)
    {
        if (System.Runtime.Intrinsics.X86.Sse.IsSupported)
            System.Runtime.Intrinsics.X86.Sse.Prefetch0(System.Runtime.CompilerServices.Unsafe.AsPointer(ref entry));
    }

    // Groups created in the current batch are not yet copied into _keys: compare them against their input row.
    private bool RowEquals(int group, int firstNew, ColumnVector[] keyColumns, int row)
    {
        if (group >= firstNew)
        {
            var other = _pendingRows[group - firstNew];
            for (var c = 0; c < keyColumns.Length; c++)
                if (!VectorComparer.KeyEquals(keyColumns[c], other, keyColumns[c], row)) return false;
            return true;
        }
        for (var c = 0; c < keyColumns.Length; c++)
            if (!VectorComparer.KeyEquals(_keys[c], group, keyColumns[c], row)) return false;
        return true;
    }

    private void Grow()
    {
        var size = (_mask + 1) * 2;
        _mask = size - 1;
        if (_shape == Shape.Integral)
        {
            _entries = new IntegralEntry[size];
            _slots = new int[size];
            for (var g = 0; g < GroupCount; g++)
            {
                if (g == _nullGroup) continue;
                var slot = (int)(_groupHashes[g] & (ulong)_mask);
                while (_entries[slot].Group != 0) slot = (slot + 1) & _mask;
                _entries[slot].Key = _longKeys[g];
                _entries[slot].Group = g + 1;
            }
            return;
        }
        if (_shape == Shape.Binary)
        {
            var old = _binEntries;
            _binEntries = new BinaryEntry[size];
            foreach (var e in old)
            {
                if (e.Group == 0) continue;
                var slot = (int)(e.Hash & (ulong)_mask);
                while (_binEntries[slot].Group != 0) slot = (slot + 1) & _mask;
                _binEntries[slot] = e;
            }
            return;
        }
        _slots = new int[size];
        for (var g = 0; g < GroupCount; g++)
        {
            if (g == _nullGroup) continue;
            var slot = (int)(_groupHashes[g] & (ulong)_mask);
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = g + 1;
        }
    }
}
