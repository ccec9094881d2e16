namespace DigitalEdu.Domain.Vocabulary;

/// <summary>Canonical person statuses. The SMS spelling is canonical; the other sources map into it (<see cref="CodeLists"/>).</summary>
public static class PersonStatus
{
    public const string Studying = "studying";
    public const string TransferredOut = "transferred_out";
    public const string DroppedOut = "dropped_out";
    public const string Graduated = "graduated";
    public const string Working = "working";
    public const string Left = "left";

    /// <summary>Active means "should be on the school's roll today": only active records are expected everywhere.</summary>
    public static bool IsActive(string? status) => status is Studying or Working;
}

/// <summary>Canonical staff positions (SMS spelling).</summary>
public static class StaffPosition
{
    public const string Teacher = "teacher";
    public const string Manager = "manager";
    public const string Staff = "staff";
}

/// <summary>Result of the national database's check against the population database (XAC_THUC_DAN_CU).</summary>
public static class PopulationCheckStatus
{
    public const string Verified = "DA_XAC_THUC";
    public const string NotChecked = "CHUA_XAC_THUC";
    public const string Disputed = "SAI_THONG_TIN";
    public const string NotFound = "KHONG_TIM_THAY";
}
