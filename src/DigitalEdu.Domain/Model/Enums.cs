namespace DigitalEdu.Domain.Model;

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
