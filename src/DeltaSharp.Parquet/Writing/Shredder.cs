using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Reading;

namespace DeltaSharp.Parquet.Writing;

/// <summary>
/// Turns rows of one nested top-level column into per-leaf definition levels, repetition levels and positions of
/// the non-null leaf values (Dremel record shredding), following the same <see cref="FieldPlan"/> the reader uses.
/// </summary>
internal sealed class Shredder
{
    private readonly FieldPlan _plan;
    private readonly LeafBuffer[] _leaves;
    private readonly ColumnVector[] _targets;
    private readonly string _fieldName;

    public Shredder(FieldPlan plan, int leafCount, string fieldName)
    {
        _plan = plan;
        _fieldName = fieldName;
        _leaves = new LeafBuffer[leafCount];
        _targets = new ColumnVector[leafCount];
        for (var i = 0; i < leafCount; i++) _leaves[i] = new LeafBuffer();
    }

    internal sealed class LeafBuffer
    {
        public int[] Defs = new int[1024];
        public int[] Reps = new int[1024];
        public int[] Values = new int[1024];
        public int Entries;
        public int ValueCount;
        public ColumnVector? Vector;

        public void Add(int def, int rep, int valueIndex)
        {
            if (Entries == Defs.Length)
            {
                Array.Resize(ref Defs, Entries * 2);
                Array.Resize(ref Reps, Entries * 2);
            }
            Defs[Entries] = def;
            Reps[Entries] = rep;
            Entries++;
            if (valueIndex >= 0)
            {
                if (ValueCount == Values.Length) Array.Resize(ref Values, ValueCount * 2);
                Values[ValueCount++] = valueIndex;
            }
        }
    }

    public IReadOnlyList<LeafBuffer> Leaves => _leaves;

    /// <summary>Shreds the given rows of <paramref name="column"/>.</summary>
    public void Shred(ColumnVector column, ReadOnlySpan<int> rows)
    {
        foreach (var l in _leaves)
        {
            l.Entries = 0;
            l.ValueCount = 0;
        }
        _plan.BindLeaves(column, _targets);
        for (var l = 0; l < _leaves.Length; l++) _leaves[l].Vector = _targets[l];
        foreach (var row in rows) Shred(_plan, column, row, 0, 0);
    }

    private void Shred(FieldPlan plan, ColumnVector vector, int index, int def, int rep)
    {
        var isNull = vector.IsNull(index);
        if (isNull)
        {
            // A value is nullable iff its node adds a definition level (NullDef > the parent's level).
            if (plan.NullDef == def)
                throw new ArgumentException($"Column '{_fieldName}' holds a null in a non-nullable field ({plan.Type.SimpleString}).");
            EmitNulls(plan, def, rep);
            return;
        }
        switch (plan.Kind)
        {
            case FieldPlanKind.Primitive:
                _leaves[plan.FirstLeaf].Add(plan.MaxDef, rep, index);
                break;
            case FieldPlanKind.Struct:
            {
                var sv = (StructVector)vector;
                for (var i = 0; i < plan.Children.Length; i++) Shred(plan.Children[i], sv.Children[i], index, plan.NullDef, rep);
                break;
            }
            case FieldPlanKind.List:
            {
                var lv = (ListVector)vector;
                var start = lv.Offsets[index];
                var end = lv.Offsets[index + 1];
                if (start == end)
                {
                    EmitNulls(plan, plan.NullDef, rep);
                    break;
                }
                for (var j = start; j < end; j++)
                    Shred(plan.Children[0], lv.Elements, j, plan.ElementDef, j == start ? rep : plan.RepLevel);
                break;
            }
            case FieldPlanKind.Map:
            {
                var mv = (MapVector)vector;
                var start = mv.Offsets[index];
                var end = mv.Offsets[index + 1];
                if (start == end)
                {
                    EmitNulls(plan, plan.NullDef, rep);
                    break;
                }
                for (var j = start; j < end; j++)
                {
                    var r = j == start ? rep : plan.RepLevel;
                    if (mv.Keys.IsNull(j)) throw new ArgumentException($"Column '{_fieldName}' holds a map with a null key.");
                    Shred(plan.Children[0], mv.Keys, j, plan.ElementDef, r);
                    Shred(plan.Children[1], mv.Values, j, plan.ElementDef, r);
                }
                break;
            }
        }
    }

    private void EmitNulls(FieldPlan plan, int def, int rep)
    {
        for (var l = plan.FirstLeaf; l < plan.FirstLeaf + plan.LeafCount; l++) _leaves[l].Add(def, rep, -1);
    }
}
