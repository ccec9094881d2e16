namespace DigitalEdu.Data.Entities;

/// <summary>
/// Open items of one school and kind, kept so the province's pages need not count every open item on each request. Each
/// reconcile recounts the schools it reconciled into one row per school and kind; a person's change to an item (dismiss,
/// reopen, mark fixed) adds a row of +1 or -1 in the same transaction. The open count of a school and kind is the sum of its
/// rows. Rows are only inserted and deleted, never updated, so concurrent changes take no lock on one another.
/// </summary>
public sealed class OpenItemCount
{
    public long Id { get; set; }
    public required string SchoolCode { get; set; }
    public required string Kind { get; set; }
    public int Count { get; set; }
}
