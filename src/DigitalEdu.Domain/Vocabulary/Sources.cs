namespace DigitalEdu.Domain.Vocabulary;

/// <summary>The three upstream systems DigitalEdu reconciles.</summary>
public enum Source
{
    Sms,
    Provincial,
    National,
}

public enum PersonKind
{
    Student,
    Staff,
}

public enum Gender
{
    Male,
    Female,
}

/// <summary>The wire spelling of the model's enumerations: in the API, the stored tables and the reconcile SQL.</summary>
public static class WireNames
{
    public const string Sms = "sms";
    public const string Provincial = "provincial";
    public const string National = "national";

    public const string Student = "student";
    public const string Staff = "staff";

    public const string Male = "male";
    public const string Female = "female";

    public static readonly IReadOnlyList<string> Sources = [Sms, Provincial, National];

    public static readonly IReadOnlyList<string> PersonKinds = [Student, Staff];

    public static string ToWire(this Source source) => source switch
    {
        Source.Sms => Sms,
        Source.Provincial => Provincial,
        _ => National,
    };

    public static string ToWire(this PersonKind kind) => kind == PersonKind.Student ? Student : Staff;

    public static string ToWire(this Gender gender) => gender == Gender.Male ? Male : Female;
}
