namespace DigitalEdu.Simulators.Store;

/// <summary>The records of one page and the cursor after its last one (null at the end of the listing).</summary>
internal sealed record RecordPage(IReadOnlyList<byte[]> Items, PageCursor? Next);
