namespace DigitalEdu.Domain.Vocabulary;

/// <summary>What an audit entry records.</summary>
public static class AuditAction
{
    public const string ShowPersonalId = "show_personal_id";
    public const string ExportXlsx = "export_xlsx";
    public const string ExportCsv = "export_csv";
}
