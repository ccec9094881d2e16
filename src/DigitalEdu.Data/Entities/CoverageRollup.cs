namespace DigitalEdu.Data.Entities;

/// <summary>
/// A province run's coverage summed per commune and for the whole province, per person kind, written with the run's
/// snapshots: the province's and a commune's trends read a few rows per run here instead of every school's snapshot.
/// <see cref="CommuneCode"/> is empty for schools no listing places in a commune, <see cref="WholeProvince"/> for the sum.
/// </summary>
public sealed class CoverageRollup
{
    /// <summary>The <see cref="CommuneCode"/> of the rows that sum the whole province (commune codes are digits).</summary>
    public const string WholeProvince = "*";

    public Guid RunId { get; set; }
    public required string CommuneCode { get; set; }
    public required string PersonKind { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public int Persons { get; set; }
    public int WithPersonalId { get; set; }
    public int Verified { get; set; }
    public int HealthCurrent { get; set; }

    /// <summary>Open items by kind, as JSON.</summary>
    public string OpenItems { get; set; } = "{}";
}
