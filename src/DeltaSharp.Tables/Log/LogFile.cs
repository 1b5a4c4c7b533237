namespace DeltaSharp.Tables.Log;

/// <summary>A file of _delta_log as a listing names it: full path and file name. Sizes and times are not part of a
/// listing (on a local disk they cost a stat per file); the few readers that need a modification time ask the store
/// for that file.</summary>
internal readonly record struct LogFile(string Path, string Name);
