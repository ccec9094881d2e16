namespace DigitalEdu.Data.Entities;

/// <summary>
/// One school's figures at one report level and person kind as one run counted them (see <c>ReportLevels</c>): the reports'
/// figures, kept per run like <see cref="CoverageSnapshot"/> so a cut-off can be frozen from the last run before it. Each figure
/// is part of the one before it: persons ⊇ valid ID ⊇ complete ⊇ verified; health synced is part of the pupils.
/// </summary>
public sealed class LevelFigure
{
    public Guid RunId { get; set; }
    public required string SchoolCode { get; set; }
    public required string PersonKind { get; set; }
    public required string Level { get; set; }
    public DateTimeOffset TakenAt { get; set; }
    public int Persons { get; set; }
    public int WithPersonalId { get; set; }
    public int Complete { get; set; }
    public int Verified { get; set; }
    public int HealthSynced { get; set; }
}
