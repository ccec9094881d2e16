namespace DigitalEdu.Domain.Vocabulary;

/// <summary>One paged listing of one upstream; a pull job walks one dataset for one school.</summary>
public enum Dataset
{
    SmsStudents,
    SmsStaff,
    SmsHealthExams,
    ProvincialLearners,
    ProvincialStaff,
    NationalStudents,
    NationalStaff,
}

public static class DatasetExtensions
{
    public static Source Source(this Dataset dataset) => dataset switch
    {
        Dataset.SmsStudents or Dataset.SmsStaff or Dataset.SmsHealthExams => Vocabulary.Source.Sms,
        Dataset.ProvincialLearners or Dataset.ProvincialStaff => Vocabulary.Source.Provincial,
        _ => Vocabulary.Source.National,
    };

    /// <summary>The person kind a dataset lists; health exams belong to students.</summary>
    public static PersonKind PersonKind(this Dataset dataset) => dataset switch
    {
        Dataset.SmsStaff or Dataset.ProvincialStaff or Dataset.NationalStaff => Vocabulary.PersonKind.Staff,
        _ => Vocabulary.PersonKind.Student,
    };

    public static readonly IReadOnlyList<Dataset> All = Enum.GetValues<Dataset>();
}
