namespace DigitalEdu.Domain.Vocabulary;

/// <summary>Where an item stands: found and not fixed, fixed by the school and awaiting a run, gone, or dismissed by an officer.</summary>
public static class MismatchStatus
{
    public const string Open = "open";
    public const string FixedPending = "fixed_pending";
    public const string Resolved = "resolved";
    public const string Dismissed = "dismissed";

    public static readonly IReadOnlyList<string> All = [Open, FixedPending, Resolved, Dismissed];

    public static bool IsKnownOrNull(string? status) => status is null || All.Contains(status);
}
