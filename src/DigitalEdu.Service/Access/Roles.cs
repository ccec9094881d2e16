namespace DigitalEdu.Service.Access;

/// <summary>The three kinds of user and the policies built on them.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Officer = "officer";
    public const string School = "school";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Operator, Officer, School };

    /// <summary>The claim listing the schools a school user may see; one claim per school.</summary>
    public const string SchoolClaim = "digitaledu:school";
}

public static class Policies
{
    /// <summary>Runs, batches, re-runs: keeping the pipes running.</summary>
    public const string Operate = "operate";

    /// <summary>Province-wide figures and runs: officers and operators.</summary>
    public const string Oversee = "oversee";

    /// <summary>Any signed-in user; the data is narrowed to their scope.</summary>
    public const string Read = "read";

    /// <summary>Saying an item was fixed: the school that fixes it, no one else (officers dismiss instead).</summary>
    public const string Fix = "fix";
}
