namespace DigitalEdu.Simulators.Store;

/// <summary>
/// One stored record: its wire JSON as UTF-8 bytes, ready to copy into a page, plus what paging needs. Keeping the bytes rather
/// than objects keeps a million-person data set compact, and lets malformed records be stored exactly as planted.
/// </summary>
internal sealed record RecordEntry(string Key, string SchoolCode, long UpdatedTicks, byte[] Json) : IComparable<RecordEntry>
{
    /// <summary>Listing order: (updatedAt, key), the order the contract promises for incremental pulls.</summary>
    public int CompareTo(RecordEntry? other) => other is null ? 1 : Compare(UpdatedTicks, Key, other.UpdatedTicks, other.Key);

    public static int Compare(long ticksA, string keyA, long ticksB, string keyB)
    {
        var byTime = ticksA.CompareTo(ticksB);
        return byTime != 0 ? byTime : string.CompareOrdinal(keyA, keyB);
    }
}
