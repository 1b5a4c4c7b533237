using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Core.Tests.Columnar;

public class ColumnVectorTests
{
    [Fact]
    public void EnsureValidity_CreatedSmallThenGrown_OnlyNulledSlotsAreNull()
    {
        // A bitmap created for a few slots (a null on the first page of a batch) must leave every later slot valid,
        // both inside the word it was created with and in words added when the vector grows.
        var v = new PrimitiveVector<long>(DataType.Long, 4);
        v.SetNull(2);
        v.EnsureCapacity(1000);
        v.EnsureValidity(1000);
        v.Length = 1000;
        for (var i = 0; i < 1000; i++) Assert.Equal(i == 2, v.IsNull(i));
        Assert.Equal(1, v.NullCount);
    }

    [Fact]
    public void Append_AfterAppendNull_KeepsLaterValuesValid()
    {
        var v = new PrimitiveVector<int>(DataType.Integer, 1);
        v.AppendNull();
        for (var i = 0; i < 200; i++) v.Append(i);
        Assert.True(v.IsNull(0));
        for (var i = 1; i <= 200; i++) Assert.False(v.IsNull(i), $"slot {i}");
    }
}
