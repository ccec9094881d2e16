namespace DigitalEdu.Simulators.Data;

/// <summary>A school as the SMS lists it. <see cref="MinGrade"/>..<see cref="MaxGrade"/> follow from the level (0 is preschool).</summary>
internal sealed record School(string Code, string Name, string Level, string CommuneCode, string ProvinceCode, int MinGrade, int MaxGrade);
