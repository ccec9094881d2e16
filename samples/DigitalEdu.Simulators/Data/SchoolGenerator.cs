namespace DigitalEdu.Simulators.Data;

/// <summary>Makes the province's schools: 8-digit codes starting with the province code, levels in realistic proportions.</summary>
internal static class SchoolGenerator
{
    // Cycled so any number of schools keeps roughly the province's mix of levels.
    private static readonly string[] LevelCycle =
        ["MN", "TH", "THCS", "TH", "MN", "THPT", "TH", "THCS", "MN", "TH_THCS", "TH", "THCS", "MN", "THPT", "TH", "THCS", "GDTX", "TH", "MN", "THCS_THPT"];

    public static IReadOnlyList<School> Generate(Random random, string provinceCode, int count)
    {
        var schools = new School[count];
        for (var i = 0; i < count; i++)
        {
            var level = LevelCycle[i % LevelCycle.Length];
            var (minGrade, maxGrade) = GradeRange(level);
            var place = NameParts.Places[i % NameParts.Places.Length];
            var round = i / NameParts.Places.Length;
            var placeName = round == 0 ? place : $"{place} số {round + 1}";
            // Sequential codes with a stride keep them unique and 8 digits for up to a million schools.
            var code = $"{provinceCode}{(i * 7 + 101):D6}";
            var commune = $"{random.Next(1, 32000):D5}";
            schools[i] = new School(code, $"{LevelTitle(level)} {placeName}", level, commune, provinceCode, minGrade, maxGrade);
        }

        return schools;
    }

    private static (int Min, int Max) GradeRange(string level) => level switch
    {
        "MN" => (0, 0),
        "TH" => (1, 5),
        "THCS" => (6, 9),
        "THPT" => (10, 12),
        "GDTX" => (10, 12),
        "TH_THCS" => (1, 9),
        "THCS_THPT" => (6, 12),
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown school level."),
    };

    private static string LevelTitle(string level) => level switch
    {
        "MN" => "Trường Mầm non",
        "TH" => "Trường Tiểu học",
        "THCS" => "Trường THCS",
        "THPT" => "Trường THPT",
        "GDTX" => "Trung tâm GDNN - GDTX",
        "TH_THCS" => "Trường TH và THCS",
        "THCS_THPT" => "Trường THCS và THPT",
        _ => "Trường",
    };
}
