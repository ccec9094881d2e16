using DigitalEdu.Domain.Reporting;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Service.Features.Reports;

/// <summary>
/// A unit's figures as sentences to paste into a report, each naming what its percentage is of: the unit's persons, or the
/// pupils of one level. Made from the snapshot, so they agree with its table by construction.
/// </summary>
public static class ReportSentences
{
    public static IReadOnlyList<string> For(UnitReport report, DateOnly cutOff)
    {
        var total = report.Total;
        var pupils = report.Pupils;
        var staff = report.Staff;
        var count = ReportNumbers.Count;
        var sentences = new List<string>
        {
            $"Tính đến ngày {Labels.Date(cutOff)}, {report.Name} có {count(total.Persons)} hồ sơ trên cơ sở dữ liệu ngành, gồm "
                + $"{count(pupils.Persons)} hồ sơ người học và {count(staff.Persons)} hồ sơ cán bộ, giáo viên, nhân viên.",
        };
        if (total.Persons == 0)
        {
            return sentences;
        }

        var incomplete = total.Persons - total.Complete;
        var preschool = report.ByLevel.Where(l => l.Level == ReportLevels.Preschool && l.PersonKind == WireNames.Student).Select(l => l.Figures)
            .Aggregate(Figures.Zero, (a, b) => a + b);
        var incompleteSentence =
            $"{ReportNumbers.PartOf(total.Complete, total.Persons)} hồ sơ được cập nhật đầy đủ thông tin; chưa cập nhật hoàn chỉnh "
            + $"{count(incomplete)} hồ sơ ({ReportNumbers.Percent(incomplete, total.Persons)} tổng số hồ sơ)";
        if (preschool.Persons > 0)
        {
            var preschoolIncomplete = preschool.Persons - preschool.Complete;
            incompleteSentence += $", trong đó trẻ mầm non {count(preschoolIncomplete)} "
                + $"({ReportNumbers.Percent(preschoolIncomplete, total.Persons)} tổng số hồ sơ)";
        }

        sentences.Add(incompleteSentence + ".");
        sentences.Add($"Số hồ sơ có số định danh cá nhân hợp lệ: {ReportNumbers.PartOf(total.WithPersonalId, total.Persons)}.");
        sentences.Add($"Số định danh cá nhân đã được xác thực với cơ sở dữ liệu quốc gia về dân cư: {ReportNumbers.PartOf(total.Verified, total.Persons)}; "
            + $"chưa xác thực {count(total.NotVerified)} ({ReportNumbers.Percent(total.NotVerified, total.Persons)} tổng số hồ sơ).");
        foreach (var line in report.ByLevel.Where(l => l.PersonKind == WireNames.Student && l.Figures.Persons > 0))
        {
            var who = PupilsOf(line.Level);
            sentences.Add($"{Capitalised(who)} chưa xác thực định danh cá nhân {count(line.Figures.NotVerified)}, chiếm "
                + $"{ReportNumbers.Percent(line.Figures.NotVerified, line.Figures.Persons)} {who}.");
        }

        if (pupils.Persons > 0)
        {
            sentences.Add($"Kết quả khám sức khỏe mới nhất đã đồng bộ lên cơ sở dữ liệu ngành: {ReportNumbers.PartOf(pupils.HealthSynced, pupils.Persons)} người học.");
        }

        return sentences;
    }

    /// <summary>The pupils of a level as a sentence names them: "học sinh tiểu học", "trẻ mầm non".</summary>
    private static string PupilsOf(string level) => level switch
    {
        ReportLevels.Preschool => "trẻ mầm non",
        ReportLevels.Primary => "học sinh tiểu học",
        ReportLevels.LowerSecondary => "học sinh THCS",
        ReportLevels.UpperSecondary => "học sinh THPT",
        ReportLevels.ContinuingEducation => "học viên GDTX",
        _ => $"người học cấp {ReportLayout.LevelName(level)}",
    };

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
