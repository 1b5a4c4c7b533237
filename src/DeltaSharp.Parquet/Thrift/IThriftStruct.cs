namespace DeltaSharp.Parquet.Thrift;

/// <summary>A type that reads and writes itself as one Thrift struct.</summary>
internal interface IThriftStruct<TSelf> where TSelf : IThriftStruct<TSelf>
{
    static abstract TSelf Read(ref ThriftCompactReader reader);

    void Write(ref ThriftCompactWriter writer);
}
