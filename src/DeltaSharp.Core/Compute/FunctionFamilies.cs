namespace DeltaSharp.Compute;

/// <summary>The list of function families registered in <see cref="FunctionRegistry"/>.</summary>
internal static class FunctionFamilies
{
    public static void Register(FunctionTable table)
    {
        DateTimeFunctions.Register(table);
        StringFunctions.Register(table);
        CollectionFunctions.Register(table);
        ConditionalFunctions.Register(table);
        MathFunctions.Register(table);
        HashFunctions.Register(table);
        DatePartFunctions.Register(table);
        MiscFunctions.Register(table);
    }
}
