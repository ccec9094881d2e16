namespace DigitalEdu.Domain.Vocabulary;

/// <summary>What an audit entry records.</summary>
public static class AuditAction
{
    public const string ShowPersonalId = "show_personal_id";
    public const string ExportXlsx = "export_xlsx";
    public const string ExportCsv = "export_csv";
    public const string FindCandidates = "find_candidates";

    /// <summary>The other records holding a duplicate's personal ID were looked up.</summary>
    public const string FindSharedId = "find_shared_id";

    public const string MarkFixed = "mark_fixed";
    public const string Dismiss = "dismiss";
    public const string Reopen = "reopen";
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";

    /// <summary>A sign-in refused because the account is locked after wrong passwords (the password was not checked).</summary>
    public const string SignInLocked = "sign_in_locked";

    public const string SignOut = "sign_out";
    public const string ExportAudit = "export_audit";
    public const string TokenCreated = "token_created";
    public const string TokenRevoked = "token_revoked";
    public const string UserSaved = "user_saved";
    public const string UserDisabled = "user_disabled";

    /// <summary>A user had their school pulled and reconciled again at once ("Kiểm tra lại").</summary>
    public const string CheckSchool = "check_school";

    /// <summary>A user sent back an exported spreadsheet to mark the items it ticks as fixed.</summary>
    public const string ImportFixed = "import_fixed";

    /// <summary>An operator paused a source: runs do not pull it until it is resumed.</summary>
    public const string PauseSource = "pause_source";

    public const string ResumeSource = "resume_source";

    /// <summary>An operator retried a run: planned again, or its failed batches re-run.</summary>
    public const string RetryRun = "retry_run";

    /// <summary>An officer froze a report snapshot on demand.</summary>
    public const string FreezeSnapshot = "freeze_snapshot";

    /// <summary>A report of a snapshot was exported as xlsx (figures, no personal data).</summary>
    public const string ExportReport = "export_report";

    /// <summary>A hand-typed report was checked against the system (the file is not kept).</summary>
    public const string CheckReport = "check_report";

    /// <summary>The pupils expected back at the start of the year (names of children) were listed.</summary>
    public const string ListExpectedBack = "list_expected_back";

    public static readonly IReadOnlyList<string> All =
    [
        ShowPersonalId, ExportXlsx, ExportCsv, FindCandidates, FindSharedId, MarkFixed, Dismiss, Reopen, SignIn, SignInFailed, SignInLocked, SignOut,
        ExportAudit, TokenCreated, TokenRevoked, UserSaved, UserDisabled, CheckSchool, ImportFixed, PauseSource, ResumeSource, RetryRun,
        FreezeSnapshot, ExportReport, CheckReport, ListExpectedBack,
    ];
}
