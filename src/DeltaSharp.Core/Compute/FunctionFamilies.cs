namespace DeltaSharp.Compute;

/// <summary>The list of function families registered in <see cref="FunctionRegistry"/>.</summary>
internal static class FunctionFamilies
{
    public static void Register(FunctionTable table)
    {
        DateTimeFunctions.Register(table);
    }
}
