namespace DigitalEdu.Simulators.Data;

/// <summary>
/// Issues 12-digit personal IDs (prefix, century/gender digit, two-digit birth year, six random digits) and remembers every
/// 12-digit value handed out, planted defects included, so no two persons ever share digits by accident: a shared value would be
/// matched or grouped as a duplicate by the reconciler and produce items nobody planted.
/// </summary>
internal sealed class PersonalIdRegistry(Random random)
{
    private readonly HashSet<long> _issued = [];

    public string Issue(string prefix, Gender gender, int birthYear) =>
        IssueWithDigit(prefix, CenturyGenderDigit(gender, birthYear), birthYear % 100);

    /// <summary>An ID whose fourth digit and year digits are given as they are, right or not; used to plant defects.</summary>
    public string IssueWithDigit(string prefix, int centuryGenderDigit, int twoDigitYear)
    {
        while (true)
        {
            var candidate = $"{prefix}{centuryGenderDigit}{twoDigitYear:D2}{random.Next(0, 1_000_000):D6}";
            if (TryReserve(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>Reserves a value built elsewhere; false when it is already taken.</summary>
    public bool TryReserve(string twelveDigits) => _issued.Add(long.Parse(twelveDigits));

    /// <summary>1900s: male 0, female 1; 2000s: 2 / 3; and so on per century.</summary>
    public static int CenturyGenderDigit(Gender gender, int birthYear) =>
        ((birthYear / 100) - 19) * 2 + (gender == Gender.Female ? 1 : 0);
}
