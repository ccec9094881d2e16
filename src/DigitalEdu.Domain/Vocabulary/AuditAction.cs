namespace DigitalEdu.Domain.Vocabulary;

/// <summary>What an audit entry records.</summary>
public static class AuditAction
{
    public const string ShowPersonalId = "show_personal_id";
    public const string ExportXlsx = "export_xlsx";
    public const string ExportCsv = "export_csv";

    /// <summary>A user had their school pulled and reconciled again at once ("Kiểm tra lại").</summary>
    public const string CheckSchool = "check_school";

    /// <summary>A user sent back an exported spreadsheet to mark the items it ticks as fixed.</summary>
    public const string ImportFixed = "import_fixed";
}
