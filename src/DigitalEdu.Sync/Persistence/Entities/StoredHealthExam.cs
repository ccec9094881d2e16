namespace DigitalEdu.Sync.Persistence.Entities;

/// <summary>A health exam from the SMS, the only source of exams.</summary>
public sealed class StoredHealthExam
{
    public required string ExamId { get; set; }
    public required string StudentKey { get; set; }
    public required string SchoolCode { get; set; }
    public DateOnly? ExamDate { get; set; }
    public required string Findings { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid LastRunId { get; set; }

    /// <summary>Findings whose value could not be right, as a JSON object: canonical field name → the value as received.</summary>
    public string? Unreadable { get; set; }
}
