using DigitalEdu.Domain.Reporting;
using DigitalEdu.Sync.Reporting;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Tests.Domain;

/// <summary>The reports' number formats both ways, the level a person counts at (C# and SQL alike), and the reporting calendar.</summary>
public sealed class ReportFiguresRulesTests
{
    [Theory]
    [InlineData(391317, "391.317")]
    [InlineData(1002912, "1.002.912")]
    [InlineData(58, "58")]
    [InlineData(0, "0")]
    public void Counts_take_a_dot_between_thousands(long value, string written)
    {
        Assert.Equal(written, ReportNumbers.Count(value));
        Assert.Equal(value, ReportNumbers.ParseCount(written));
    }

    [Theory]
    [InlineData(382309, 391317, "97,70%")]
    [InlineData(8063, 391317, "2,06%")]
    [InlineData(1, 58, "1,72%")]
    [InlineData(1, 8, "12,50%")]
    [InlineData(1, 200, "0,50%")]
    [InlineData(5, 5, "100,00%")]
    public void Percentages_take_a_comma_and_two_decimals_rounded_half_away_from_zero(long part, long total, string written) =>
        Assert.Equal(written, ReportNumbers.Percent(part, total));

    [Fact]
    public void A_share_is_written_as_part_of_total() => Assert.Equal("382.309/391.317 (97,70%)", ReportNumbers.PartOf(382309, 391317));

    [Theory]
    [InlineData("1,404", 1404L)]
    [InlineData("1 404", 1404L)]
    [InlineData(" 391.317 ", 391317L)]
    [InlineData("205", 205L)]
    [InlineData("Trên 40", null)]
    [InlineData("Chưa tách rõ", null)]
    [InlineData("665/668", null)]
    [InlineData("1.40", null)]
    [InlineData("1.404,5", null)]
    [InlineData("", null)]
    public void Typed_counts_are_read_as_typists_write_them_and_words_are_refused(string typed, long? value) =>
        Assert.Equal(value, ReportNumbers.ParseCount(typed));

    [Theory]
    [InlineData("97,70%", false, 97.70, 2)]
    [InlineData("2,7%", false, 2.7, 1)]
    [InlineData("97.7 %", false, 97.7, 1)]
    [InlineData("100", false, 100, 0)]
    [InlineData("0.9770", true, 97.70, 2)]
    public void Typed_percentages_keep_the_decimals_they_were_written_to(string typed, bool fraction, double value, int decimals)
    {
        var read = ReportNumbers.ParsePercent(typed, fraction);
        Assert.NotNull(read);
        Assert.Equal((decimal)value, read.Value.Value);
        Assert.Equal(decimals, read.Value.Decimals);
        Assert.Null(ReportNumbers.ParsePercent("đạt 100%"));
    }

    public static TheoryData<string, string?, int?, string> Levels => new()
    {
        { "student", "TH_THCS", 5, "TH" },
        { "student", "TH_THCS", 6, "THCS" },
        { "student", "THCS_THPT", 10, "THPT" },
        { "student", "MN", 0, "MN" },
        { "student", "GDTX", 10, "GDTX" },
        { "student", "TH_THCS", null, "TH_THCS" },
        { "student", "TH", 14, "TH" },
        { "student", null, 7, "THCS" },
        { "student", null, null, "" },
        { "staff", "TH_THCS", null, "TH_THCS" },
        { "staff", "THPT", null, "THPT" },
        { "staff", "NEW_LEVEL", null, "NEW_LEVEL" },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_person_counts_at_the_same_level_in_csharp_and_in_sql(string kind, string? schoolLevel, int? grade, string level)
    {
        Assert.Equal(level, ReportLevels.Of(kind, schoolLevel, grade));
        var dataSource = await Database.Value;
        await using var command = dataSource.CreateCommand(
            $"SELECT {ReportLevels.Sql("p", "s")} FROM (SELECT @kind AS person_kind, @grade::int AS grade) p, (SELECT @level::text AS level) s");
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("grade", (object?)grade ?? DBNull.Value);
        command.Parameters.AddWithValue("level", (object?)schoolLevel ?? DBNull.Value);
        Assert.Equal(level, await command.ExecuteScalarAsync());
    }

    private static readonly Lazy<Task<Npgsql.NpgsqlDataSource>> Database = new(async () =>
        Npgsql.NpgsqlDataSource.Create(await (await PostgresCluster.GetAsync()).CreateDatabaseAsync("levels")));

    [Fact]
    public void The_calendar_places_its_cut_offs_in_the_school_year_and_freezes_only_those_ended_in_vietnam()
    {
        var calendar = new ReportingCalendar(Options.Create(new ReportingOptions()));
        Assert.Equal(
            [new CutOff(new DateOnly(2026, 9, 30), ReportPeriods.StartOfYear, 2026), new CutOff(new DateOnly(2027, 5, 31), ReportPeriods.EndOfYear, 2026)],
            calendar.CutOffsOf(2026));
        Assert.Equal(2025, ReportingCalendar.SchoolYearOf(new DateOnly(2026, 7, 31)));
        Assert.Equal(2026, ReportingCalendar.SchoolYearOf(new DateOnly(2026, 8, 1)));

        // 30/9 ends at midnight in Vietnam, 17:00 UTC.
        var justBefore = new DateTimeOffset(2026, 9, 30, 16, 59, 0, TimeSpan.Zero);
        Assert.DoesNotContain(calendar.PassedBy(justBefore), c => c.Day == new DateOnly(2026, 9, 30));
        var passed = calendar.PassedBy(justBefore.AddMinutes(1));
        Assert.Equal(new DateOnly(2026, 9, 30), passed[0].Day);
        Assert.Equal([new DateOnly(2026, 9, 30), new DateOnly(2026, 5, 31), new DateOnly(2025, 9, 30)], passed.Select(c => c.Day));

        // A province with its own calendar.
        var own = new ReportingCalendar(Options.Create(new ReportingOptions { StartOfYear = "15/10", EndOfYear = "15/5" }));
        Assert.Equal([new DateOnly(2026, 10, 15), new DateOnly(2027, 5, 15)], own.CutOffsOf(2026).Select(c => c.Day));
        Assert.Equal(ReportPeriods.StartOfYear, own.For(new DateOnly(2026, 10, 15)).Period);
        Assert.Equal(ReportPeriods.OnDemand, own.For(new DateOnly(2026, 10, 16)).Period);
    }
}
