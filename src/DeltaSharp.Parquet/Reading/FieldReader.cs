using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Reading;

/// <summary>Reads one top-level field of one row group, a batch of rows at a time.</summary>
internal abstract class FieldReader : IDisposable
{
    /// <summary>Fills <paramref name="destination"/> (empty, of the field's type) with the next <paramref name="rows"/> rows.</summary>
    public abstract void Read(int rows, ColumnVector destination);

    public abstract void Dispose();
}

/// <summary>A top-level primitive column (no repetition): values decode straight into the batch vector.</summary>
internal sealed class FlatFieldReader : FieldReader
{
    private readonly ColumnChunkReader _chunk;
    private long _lastDataBytes;
    private int _lastRows;

    public FlatFieldReader(ColumnChunkReader chunk) => _chunk = chunk;

    public override void Read(int rows, ColumnVector destination)
    {
        destination.EnsureCapacity(rows);
        // Size a string/binary batch's data buffer from the previous batch (plus 1/16) so it is allocated once
        // instead of doubled from empty: fewer copies and half the garbage per batch.
        if (_lastRows > 0 && destination is BinaryVector binary)
        {
            var estimate = _lastDataBytes * rows / _lastRows;
            binary.EnsureDataCapacity((int)Math.Min(Array.MaxLength, estimate + (estimate >> 4) + 16));
        }
        var filled = 0;
        while (filled < rows)
        {
            var available = _chunk.EntriesAvailable();
            if (available == 0)
                ThrowHelper.Corrupt($"column '{_chunk.Column.DottedPath}' ended after {filled} of {rows} rows of the batch");
            var n = Math.Min(available, rows - filled);
            if (!_chunk.PageHasNulls)
            {
                _chunk.Consume(n, default, default, destination, filled);
            }
            else
            {
                var defs = _chunk.PageDefs[..n];
                var k = _chunk.Consume(n, default, default, destination, filled);
                NullSpreader.Spread(destination, filled, defs, k, _chunk.MaxDef);
            }
            filled += n;
        }
        destination.Length = rows;
        if (destination is BinaryVector filledBinary)
        {
            _lastDataBytes = filledBinary.DataLength;
            _lastRows = rows;
        }
    }

    public override void Dispose() => _chunk.Dispose();
}

/// <summary>
/// A field with nested structure (structs, lists, maps): each leaf is read for whole records (its levels plus
/// dense values into the leaf's vector), then the vectors are assembled top-down from the levels.
/// </summary>
internal sealed class NestedFieldReader : FieldReader
{
    private readonly FieldPlan _plan;
    private readonly LeafState[] _leaves;
    private readonly ColumnVector[] _targets;

    public NestedFieldReader(FieldPlan plan, ColumnChunkReader[] leafReaders)
    {
        _plan = plan;
        _leaves = new LeafState[leafReaders.Length];
        _targets = new ColumnVector[leafReaders.Length];
        for (var i = 0; i < leafReaders.Length; i++) _leaves[i] = new LeafState(leafReaders[i]);
    }

    private sealed class LeafState(ColumnChunkReader reader)
    {
        public readonly ColumnChunkReader Reader = reader;
        public int[] Defs = new int[1024];
        public int[] Reps = new int[1024];
        public int Entries;
        public int Values;
        public ColumnVector? Target;
        public int[] Starts = [];     // first entry of each slot at the current assembly level
        public int[] Ends = [];       // end (exclusive) of each slot's entries: a slot ends where its parent slot ends

        public void EnsureLevels(int n)
        {
            if (Defs.Length < n) Array.Resize(ref Defs, Math.Max(n, Defs.Length * 2));
            if (Reps.Length < n) Array.Resize(ref Reps, Math.Max(n, Reps.Length * 2));
        }
    }

    public override void Read(int rows, ColumnVector destination)
    {
        _plan.BindLeaves(destination, _targets);
        for (var l = 0; l < _leaves.Length; l++) _leaves[l].Target = _targets[l];
        foreach (var leaf in _leaves) ReadRecords(leaf, rows);
        foreach (var leaf in _leaves)
        {
            // Top level: every record is one slot; records start where the repetition level is 0.
            var starts = leaf.Starts.Length >= rows + 1 ? leaf.Starts : (leaf.Starts = new int[Math.Max(rows + 1, 16)]);
            var ends = leaf.Ends.Length >= rows ? leaf.Ends : (leaf.Ends = new int[Math.Max(rows, 16)]);
            if (leaf.Reader.MaxRep == 0)
            {
                for (var i = 0; i <= rows; i++) starts[i] = i;
            }
            else
            {
                var s = 0;
                for (var e = 0; e < leaf.Entries; e++)
                    if (leaf.Reps[e] == 0) starts[s++] = e;
                if (s != rows) ThrowHelper.Corrupt($"column '{leaf.Reader.Column.DottedPath}' holds {s} records where {rows} were expected");
                starts[rows] = leaf.Entries;
            }
            for (var i = 0; i < rows; i++) ends[i] = starts[i + 1];
        }
        Assemble(_plan, destination, rows);
    }

    /// <summary>Reads the level entries of exactly <paramref name="rows"/> records (a record may span pages).</summary>
    private static void ReadRecords(LeafState leaf, int rows)
    {
        var reader = leaf.Reader;
        var target = leaf.Target!;
        leaf.Entries = 0;
        leaf.Values = 0;
        if (reader.MaxRep == 0)
        {
            leaf.EnsureLevels(rows);
            while (leaf.Entries < rows)
            {
                var available = reader.EntriesAvailable();
                if (available == 0) ThrowHelper.Corrupt($"column '{reader.Column.DottedPath}' ended after {leaf.Entries} of {rows} rows of the batch");
                var n = Math.Min(available, rows - leaf.Entries);
                Consume(leaf, n, target);
            }
            return;
        }
        var started = 0;
        while (true)
        {
            var available = reader.EntriesAvailable();
            if (available == 0) break;
            var reps = reader.PageReps;
            var take = 0;
            var stop = false;
            for (; take < available; take++)
            {
                if (reps[take] == 0)
                {
                    if (started == rows) { stop = true; break; }
                    started++;
                }
                else if (started == 0)
                {
                    ThrowHelper.Corrupt($"column '{reader.Column.DottedPath}' starts a batch in the middle of a record");
                }
            }
            if (take > 0) Consume(leaf, take, target);
            if (stop) break;
        }
        if (started != rows) ThrowHelper.Corrupt($"column '{reader.Column.DottedPath}' ended after {started} of {rows} records of the batch");
    }

    private static void Consume(LeafState leaf, int n, ColumnVector target)
    {
        leaf.EnsureLevels(leaf.Entries + n);
        var defs = leaf.Defs.AsSpan(leaf.Entries, n);
        var reps = leaf.Reps.AsSpan(leaf.Entries, n);
        var reader = leaf.Reader;
        if (reader.MaxDef == 0) defs.Clear();
        if (reader.MaxRep == 0) reps.Clear();
        leaf.Values += reader.Consume(n, reader.MaxDef == 0 ? default : defs, reader.MaxRep == 0 ? default : reps, target, leaf.Values);
        leaf.Entries += n;
    }

    /// <summary>Fills <paramref name="vector"/> with <paramref name="slots"/> slots; each leaf's <c>Starts</c>/<c>Ends</c> hold the entry range of every slot.</summary>
    private void Assemble(FieldPlan plan, ColumnVector vector, int slots)
    {
        switch (plan.Kind)
        {
            case FieldPlanKind.Primitive:
            {
                var leaf = _leaves[plan.FirstLeaf];
                var slotDefs = slots <= 1024 ? stackalloc int[slots] : new int[slots];
                var starts = leaf.Starts;
                for (var s = 0; s < slots; s++) slotDefs[s] = leaf.Defs[starts[s]];
                var valid = 0;
                foreach (var d in slotDefs) if (d == plan.MaxDef) valid++;
                if (valid != leaf.Values)
                    ThrowHelper.Corrupt($"column '{leaf.Reader.Column.DottedPath}' has {leaf.Values} values for {valid} non-null slots");
                vector.EnsureCapacity(slots); // the values were decoded densely; nulls widen them to one per slot
                NullSpreader.Spread(vector, 0, slotDefs, valid, plan.MaxDef);
                vector.Length = slots;
                break;
            }
            case FieldPlanKind.Struct:
            {
                vector.EnsureCapacity(slots);
                SetNulls(plan, vector, slots);
                var sv = (StructVector)vector;
                for (var i = 0; i < plan.Children.Length; i++) Assemble(plan.Children[i], sv.Children[i], slots);
                vector.Length = slots;
                break;
            }
            case FieldPlanKind.List:
            case FieldPlanKind.Map:
            {
                vector.EnsureCapacity(slots);
                SetNulls(plan, vector, slots);
                var offsets = vector is ListVector lv ? lv.Offsets : ((MapVector)vector).Offsets;
                var elements = -1;
                for (var l = plan.FirstLeaf; l < plan.FirstLeaf + plan.LeafCount; l++)
                {
                    var n = NextLevelStarts(_leaves[l], plan, slots, l == plan.FirstLeaf ? offsets : null);
                    if (elements >= 0 && n != elements) ThrowHelper.Corrupt("leaves of one list disagree on its element count");
                    elements = n;
                }
                vector.Length = slots;
                if (vector is ListVector list) Assemble(plan.Children[0], list.Elements, elements);
                else
                {
                    var map = (MapVector)vector;
                    Assemble(plan.Children[0], map.Keys, elements);
                    Assemble(plan.Children[1], map.Values, elements);
                }
                break;
            }
        }
    }

    private void SetNulls(FieldPlan plan, ColumnVector vector, int slots)
    {
        var leaf = _leaves[plan.FirstLeaf];
        var starts = leaf.Starts;
        ValidityBitmap? validity = null;
        for (var s = 0; s < slots; s++)
        {
            if (leaf.Defs[starts[s]] < plan.NullDef)
            {
                validity ??= vector.EnsureValidity(slots);
                validity.SetNull(s);
            }
        }
    }

    /// <summary>Replaces the leaf's slot ranges with the ranges of the elements inside those slots; returns the
    /// element count and, when asked, writes the per-slot offsets. An element ends where the next element of its
    /// slot starts or where its slot ends: the entries of a following null or empty slot belong to no element.</summary>
    private static int NextLevelStarts(LeafState leaf, FieldPlan plan, int slots, int[]? offsets)
    {
        var starts = leaf.Starts;
        var ends = leaf.Ends;
        var next = new int[Math.Max(16, leaf.Entries + 1)];
        var nextEnds = new int[Math.Max(16, leaf.Entries + 1)];
        var count = 0;
        if (offsets is not null) offsets[0] = 0;
        for (var s = 0; s < slots; s++)
        {
            var begin = starts[s];
            var end = ends[s];
            if (leaf.Defs[begin] >= plan.ElementDef)
            {
                next[count++] = begin;
                for (var e = begin + 1; e < end; e++)
                {
                    if (leaf.Reps[e] <= plan.RepLevel)
                    {
                        nextEnds[count - 1] = e;
                        next[count++] = e;
                    }
                }
                nextEnds[count - 1] = end;
            }
            if (offsets is not null) offsets[s + 1] = count;
        }
        leaf.Starts = next;
        leaf.Ends = nextEnds;
        return count;
    }

    public override void Dispose()
    {
        foreach (var leaf in _leaves) leaf.Reader.Dispose();
    }
}
