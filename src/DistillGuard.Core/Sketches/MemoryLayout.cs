namespace DistillGuard.Core.Sketches;

/// <summary>The managed-heap sizes of objects and arrays on a 64-bit CoreCLR, for the sketches' declared footprints.</summary>
internal static class MemoryLayout
{
    /// <summary>The size of an object reference.</summary>
    public const int ReferenceSize = 8;

    // Object header word plus method-table pointer.
    private const int ObjectOverhead = 16;

    // Object overhead plus the length field, padded to 8 bytes.
    private const int ArrayOverhead = 24;

    // The smallest object the GC allocates.
    private const int MinObjectSize = 24;

    /// <summary>Gets the heap size of a class instance with the given total field bytes.</summary>
    public static int ObjectSize(int fieldBytes) => Math.Max(MinObjectSize, AlignUp(ObjectOverhead + fieldBytes));

    /// <summary>Gets the heap size of a one-dimensional array of unmanaged elements.</summary>
    public static int ArraySize(int length, int elementSize) => AlignUp(ArrayOverhead + (length * elementSize));

    private static int AlignUp(int size) => (size + 7) & ~7;
}
