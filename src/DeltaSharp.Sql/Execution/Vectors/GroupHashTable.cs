using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Maps key tuples to dense group ids 0, 1, 2, … in order of first appearance (open addressing, linear probing,
/// stored hashes). The distinct keys are kept column-wise in <see cref="Keys"/>. Null equals null, NaN equals NaN
/// (grouping semantics). The building block of hash aggregation, DISTINCT, set operations and hash joins.
/// Not thread-safe.
/// </summary>
internal sealed class GroupHashTable
{
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
        var hashes = HashRows(keyColumns, count);
        for (var i = 0; i < count; i++) groupIds[i] = Find(hashes[i], keyColumns, i);
    }

    /// <summary>The group of row <paramref name="row"/> with precomputed hash <paramref name="hash"/>, or -1.</summary>
    public int Find(ulong hash, ColumnVector[] keyColumns, int row)
    {
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
        var size = _slots.Length * 2;
        _slots = new int[size];
        _mask = size - 1;
        for (var g = 0; g < GroupCount; g++)
        {
            var slot = (int)(_groupHashes[g] & (ulong)_mask);
            while (_slots[slot] != 0) slot = (slot + 1) & _mask;
            _slots[slot] = g + 1;
        }
    }
}
