using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Reading;

internal enum FieldPlanKind { Primitive, Struct, List, Map }

/// <summary>
/// How one Spark-typed value is rebuilt from the definition and repetition levels of the leaves below it
/// (Dremel record assembly). <see cref="NullDef"/>: the value is non-null iff the first entry of its slot has a
/// definition level ≥ NullDef. For lists and maps, an element exists iff def ≥ <see cref="ElementDef"/>, and an
/// entry with repetition level ≤ <see cref="RepLevel"/> starts a new element.
/// </summary>
internal sealed class FieldPlan
{
    public required FieldPlanKind Kind { get; init; }
    public required DataType Type { get; init; }
    public required int NullDef { get; init; }
    public int ElementDef { get; init; }
    public int RepLevel { get; init; }
    public FieldPlan[] Children { get; init; } = [];

    /// <summary>Index of the first leaf below this node in the field's leaf list, and how many leaves.</summary>
    public int FirstLeaf { get; set; }
    public int LeafCount { get; set; }

    /// <summary>For primitives: the leaf's maximum definition level (non-null iff def == MaxDef).</summary>
    public int MaxDef { get; init; }

    /// <summary>
    /// Builds the plan of top-level field <paramref name="type"/> stored under <paramref name="node"/>, following
    /// LogicalTypes.md (3-level lists, the legacy 2-level forms, bare repeated fields, MAP/MAP_KEY_VALUE).
    /// Leaves are numbered in schema order into <paramref name="leaves"/>.
    /// </summary>
    public static FieldPlan Build(DataType type, SchemaNode node, List<SchemaNode> leaves) => Build(type, node, leaves, asElement: false);

    private static FieldPlan Build(DataType type, SchemaNode node, List<SchemaNode> leaves, bool asElement)
    {
        var first = leaves.Count;
        FieldPlan plan;
        if (!asElement && node.Repetition == Format.FieldRepetitionType.Repeated)
        {
            // A repeated field without LIST annotation is a required array of required elements.
            if (type is not ArrayType bare) throw Mismatch(node, type);
            var element = Build(bare.ElementType, node, leaves, asElement: true);
            plan = new FieldPlan
            {
                Kind = FieldPlanKind.List, Type = type, NullDef = node.MaxDefinitionLevel - 1,
                ElementDef = node.MaxDefinitionLevel, RepLevel = node.MaxRepetitionLevel, Children = [element],
            };
        }
        else
        {
            switch (type)
            {
                case ArrayType array:
                {
                    if (node.IsLeaf || node.Children.Count != 1 || node.Children[0].Repetition != Format.FieldRepetitionType.Repeated)
                        throw Mismatch(node, type);
                    var repeated = node.Children[0];
                    var elementNode = ListElementNode(node, repeated);
                    var element = Build(array.ElementType, elementNode, leaves, asElement: ReferenceEquals(elementNode, repeated));
                    plan = new FieldPlan
                    {
                        Kind = FieldPlanKind.List, Type = type, NullDef = node.MaxDefinitionLevel,
                        ElementDef = repeated.MaxDefinitionLevel, RepLevel = repeated.MaxRepetitionLevel, Children = [element],
                    };
                    break;
                }
                case MapType map:
                {
                    if (node.IsLeaf || node.Children.Count != 1) throw Mismatch(node, type);
                    var kv = node.Children[0];
                    if (kv.IsLeaf || kv.Repetition != Format.FieldRepetitionType.Repeated || kv.Children.Count is < 1 or > 2)
                        throw Mismatch(node, type);
                    var key = Build(map.KeyType, kv.Children[0], leaves, asElement: false);
                    var value = kv.Children.Count == 2
                        ? Build(map.ValueType, kv.Children[1], leaves, asElement: false)
                        : throw new ParquetFormatException($"map column '{node.Name}' has no value field");
                    plan = new FieldPlan
                    {
                        Kind = FieldPlanKind.Map, Type = type, NullDef = node.MaxDefinitionLevel,
                        ElementDef = kv.MaxDefinitionLevel, RepLevel = kv.MaxRepetitionLevel, Children = [key, value],
                    };
                    break;
                }
                case StructType st:
                {
                    if (node.IsLeaf || node.Children.Count != st.Count) throw Mismatch(node, type);
                    var children = new FieldPlan[st.Count];
                    for (var i = 0; i < st.Count; i++) children[i] = Build(st[i].Type, node.Children[i], leaves, asElement: false);
                    plan = new FieldPlan { Kind = FieldPlanKind.Struct, Type = type, NullDef = node.MaxDefinitionLevel, Children = children };
                    break;
                }
                default:
                {
                    if (!node.IsLeaf) throw Mismatch(node, type);
                    leaves.Add(node);
                    plan = new FieldPlan { Kind = FieldPlanKind.Primitive, Type = type, NullDef = node.MaxDefinitionLevel, MaxDef = node.MaxDefinitionLevel };
                    break;
                }
            }
        }
        plan.FirstLeaf = first;
        plan.LeafCount = leaves.Count - first;
        return plan;
    }

    /// <summary>The primitive plans below this node, in leaf order (index = leaf number).</summary>
    public List<FieldPlan> Primitives()
    {
        var result = new List<FieldPlan>(LeafCount);
        AddPrimitives(this, result);
        return result;

        static void AddPrimitives(FieldPlan plan, List<FieldPlan> into)
        {
            if (plan.Kind == FieldPlanKind.Primitive) into.Add(plan);
            else foreach (var c in plan.Children) AddPrimitives(c, into);
        }
    }

    /// <summary>Walks <paramref name="vector"/> (a vector of this plan's type) and stores the vector that holds each
    /// leaf's values in <paramref name="leafVectors"/>[leaf − FirstLeaf of the root plan].</summary>
    public void BindLeaves(ColumnVector vector, ColumnVector[] leafVectors) => Bind(this, vector, leafVectors, FirstLeaf);

    private static void Bind(FieldPlan plan, ColumnVector vector, ColumnVector[] leafVectors, int rootFirstLeaf)
    {
        switch (plan.Kind)
        {
            case FieldPlanKind.Primitive:
                leafVectors[plan.FirstLeaf - rootFirstLeaf] = vector;
                break;
            case FieldPlanKind.Struct:
                var sv = (StructVector)vector;
                for (var i = 0; i < plan.Children.Length; i++) Bind(plan.Children[i], sv.Children[i], leafVectors, rootFirstLeaf);
                break;
            case FieldPlanKind.List:
                Bind(plan.Children[0], ((ListVector)vector).Elements, leafVectors, rootFirstLeaf);
                break;
            case FieldPlanKind.Map:
                var mv = (MapVector)vector;
                Bind(plan.Children[0], mv.Keys, leafVectors, rootFirstLeaf);
                Bind(plan.Children[1], mv.Values, leafVectors, rootFirstLeaf);
                break;
        }
    }

    /// <summary>LogicalTypes.md "Lists", backward-compatibility rules: which node holds the element.</summary>
    private static SchemaNode ListElementNode(SchemaNode list, SchemaNode repeated)
    {
        if (repeated.IsLeaf) return repeated;                                  // 2-level: repeated primitive
        if (repeated.Children.Count > 1) return repeated;                      // repeated group of several fields
        if (repeated.Name == "array" || repeated.Name == list.Name + "_tuple") return repeated;
        return repeated.Children[0];                                           // standard 3-level
    }

    private static ParquetFormatException Mismatch(SchemaNode node, DataType type) =>
        new($"column '{node.Name}' has a Parquet structure that does not match its type {type.SimpleString}");
}
