namespace DigitalEdu.Simulators.Data;

/// <summary>A school as the SMS lists it. <see cref="MinGrade"/>..<see cref="MaxGrade"/> follow from the level (0 is preschool).</summary>
internal sealed record School(string Code, string Name, string Level, string CommuneCode, string ProvinceCode, int MinGrade, int MaxGrade)
{
    /// <summary>The commune or ward the school belongs to since the July 2025 reorganisation ("Phường Cộng Hòa").</summary>
    public string? CommuneName { get; init; }

    /// <summary>False where the school's SMS is an older version that does not send <c>communeName</c>.</summary>
    public bool SmsSendsCommuneName { get; init; } = true;

    /// <summary>
    /// The level code both listings send: <see cref="Level"/>, or a code of a newer list that DigitalEdu does not know yet. The
    /// grades still follow <see cref="Level"/>, so such a school's pupils are as plausible as any other's.
    /// </summary>
    public string ListedLevel { get; init; } = Level;
}
