using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync.Coverage;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalEdu.Service.Features.Province;

/// <summary>One run as the trend shows it for an area: coverage after it, its open items by kind, and what it found and resolved.</summary>
public sealed record TrendRun(
    Guid RunId, DateTimeOffset At, int Persons, int Students, int WithPersonalId, int Verified, int HealthCurrent,
    IReadOnlyDictionary<string, int> OpenByKind, int NewlyFound, int Resolved)
{
    public int Open => OpenByKind.Values.Sum();
    public double? ValidIdRate => Persons == 0 ? null : 100.0 * WithPersonalId / Persons;
    public double? VerifiedRate => Persons == 0 ? null : 100.0 * Verified / Persons;
    public double? HealthRate => Students == 0 ? null : 100.0 * HealthCurrent / Students;
}

/// <summary>
/// Whether things improve, for the province, a commune or a school: per run, the coverage rates the run's snapshots counted, the
/// open items it left by kind, and the items it found new and resolved; over the last N runs, this school year (from
/// 1 September) or between two dates. The province and its communes follow the province runs; a school also its own re-runs.
/// </summary>
public static class Trends
{
    public const string LastRuns = "runs";
    public const string SchoolYear = "year";
    public const string Between = "dates";
    public const int DefaultRuns = 10;
    public const int MaxRuns = 100;

    public sealed record Query(string? CommuneCode, string? SchoolCode, string? Period, int? Runs, DateOnly? From, DateOnly? To);

    public sealed record Result(IReadOnlyList<TrendRun> Points, string Period, DateOnly? From, DateOnly? To, int Runs);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.CommuneCode).Must(c => c is null || DrillDown.IsCommuneKey(c))
                .WithMessage($"communeCode must be a commune code (digits) or {DrillDown.NoCommune}.");
            RuleFor(q => q.SchoolCode).SchoolCode("schoolCode").When(q => q.SchoolCode is not null);
            RuleFor(q => q.Period).Must(p => p is null or LastRuns or SchoolYear or Between)
                .WithMessage($"period must be {LastRuns}, {SchoolYear} or {Between}.");
            RuleFor(q => q.Runs).InclusiveBetween(1, MaxRuns).When(q => q.Runs is not null).WithMessage($"runs must be between 1 and {MaxRuns}.");
            RuleFor(q => q.From).NotNull().When(q => q.Period == Between).WithMessage("from is required with period=dates.");
            RuleFor(q => q.To).NotNull().When(q => q.Period == Between).WithMessage("to is required with period=dates.");
            RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null).WithMessage("to must not be before from.");
        }
    }

    /// <summary>
    /// The area's coverage per run. The runs are picked first (the area's last ones that left coverage of it, by index on the
    /// run), then only their rows are read and summed: the cost follows the runs shown, not the history. A province or commune
    /// follows the province runs and reads their roll-ups; a school also its own re-runs, from its snapshots. Only the conditions the query
    /// uses are written: with "@x IS NULL OR …" for each, a prepared statement's generic plan cannot drop the unused ones.
    /// </summary>
    private static string CoverageSql(Query query, bool scoped, bool from, bool to, bool openByKind)
    {
        var dates = new List<string>();
        if (from)
        {
            dates.Add("c.taken_at >= @from");
        }

        if (to)
        {
            dates.Add("c.taken_at < @to");
        }

        if (query.SchoolCode is null && !scoped)
        {
            // The province's or a commune's: the runs' roll-ups (coverage_rollups), two rows per run however many schools.
            var commune = query.CommuneCode switch
            {
                null => $"c.commune_code = '{CoverageRollup.WholeProvince}'",
                DrillDown.NoCommune => "c.commune_code = ''",
                _ => "c.commune_code = @commune",
            };
            return PerRunSql("coverage_rollups", "r.school_code IS NULL", [commune, .. dates], "", [commune], openByKind);
        }

        var area = new List<string>();
        var snapshot = new List<string>(dates);
        if (query.SchoolCode is not null)
        {
            area.Add("s.code = @school");
            snapshot.Add("c.school_code = @school");
        }

        if (query.CommuneCode == DrillDown.NoCommune)
        {
            area.Add("COALESCE(s.commune_code, '') = ''");
        }
        else if (query.CommuneCode is not null)
        {
            area.Add("s.commune_code = @commune");
        }

        if (scoped)
        {
            area.Add("s.code = ANY (@schools)");
        }

        var runs = query.SchoolCode is null ? "r.school_code IS NULL" : "(r.school_code IS NULL OR r.school_code = @school)";
        return PerRunSql("coverage_snapshots", runs, snapshot, "JOIN schools s ON s.code = c.school_code", area, openByKind);
    }

    /// <summary>
    /// Coverage summed per run from <paramref name="table"/> (snapshots or roll-ups, as <c>c</c>): the last <c>@limit</c>
    /// finished runs matching <paramref name="runs"/> that have rows matching <paramref name="picked"/>, then those runs' rows
    /// joined by <paramref name="join"/> and kept by <paramref name="area"/>.
    /// </summary>
    private static string PerRunSql(string table, string runs, IReadOnlyList<string> picked, string join, IReadOnlyList<string> area, bool openByKind) =>
        $"""
        WITH runs AS (
            SELECT r.id FROM sync_runs r
             WHERE r.finished_at IS NOT NULL AND {runs}
               AND EXISTS (SELECT 1 FROM {table} c WHERE {string.Join(" AND ", picked.Prepend("c.run_id = r.id"))})
             ORDER BY r.finished_at DESC
             LIMIT @limit)
        SELECT c.run_id, max(c.taken_at), sum(c.persons)::int,
               COALESCE(sum(c.persons) FILTER (WHERE c.person_kind = '{WireNames.Student}'), 0)::int,
               sum(c.with_personal_id)::int, sum(c.verified)::int, sum(c.health_current)::int,
               {(openByKind ? "jsonb_agg(c.open_items)" : "'[]'::jsonb")}
          FROM runs
          JOIN {table} c ON c.run_id = runs.id
          {join}
         {(area.Count == 0 ? "" : "WHERE " + string.Join(" AND ", area))}
         GROUP BY c.run_id
         ORDER BY max(c.taken_at) DESC
        """;

    // From the items of the area's schools to their events (both by index), never a scan of every event.
    private const string ChangesSql =
        $"""
        SELECT e.run_id, count(*) FILTER (WHERE e.from_status IS NULL)::int, count(*) FILTER (WHERE e.to_status = '{MismatchStatus.Resolved}')::int
          FROM mismatches m
          JOIN mismatch_events e ON e.mismatch_id = m.id
         WHERE m.school_code = ANY (@areaSchools) AND e.run_id = ANY (@runs)
         GROUP BY e.run_id
        """;

    public sealed class Handler(NpgsqlDataSource dataSource, DigitalEduDbContext db, TimeProvider clock)
    {
        /// <param name="openByKind">False when only the coverage rates are wanted (the overview's chart): the open items by kind
        /// are then not read, and each point's <see cref="TrendRun.OpenByKind"/> is empty.</param>
        public async Task<Result?> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken, bool openByKind = true)
        {
            if (query.SchoolCode is not null && !scope.CanSee(query.SchoolCode))
            {
                return null;
            }

            var period = query.Period ?? LastRuns;
            var vietnam = TimeSpan.FromHours(7);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(vietnam).DateTime);
            var (from, to) = period switch
            {
                SchoolYear => (new DateOnly(today.Month >= 9 ? today.Year : today.Year - 1, 9, 1), (DateOnly?)null),
                Between => (query.From, query.To),
                _ => ((DateOnly?)null, (DateOnly?)null),
            };
            var runs = period == LastRuns ? query.Runs ?? DefaultRuns : MaxRuns;

            var fromAt = Start(from, vietnam);
            var toAt = Start(to?.AddDays(1), vietnam);
            await using var command = dataSource.CreateCommand(CoverageSql(query, scope.Schools is not null, fromAt is not null, toAt is not null, openByKind));
            command.Parameters.Add(new NpgsqlParameter<string?>("school", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.SchoolCode });
            command.Parameters.Add(new NpgsqlParameter<string?>("commune", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.CommuneCode });
            CoverageReport.AddSchools(command, scope.Schools);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = fromAt });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = toAt });
            command.Parameters.AddWithValue("limit", runs);
            var rows = new List<(Guid Run, DateTimeOffset At, int[] Figures, Dictionary<string, int> Open)>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1),
                        [reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)],
                        CoverageReport.SumKinds(reader.GetString(7))));
                }
            }

            var changes = await ChangesAsync(query, scope, rows.Select(r => r.Run).ToArray(), cancellationToken);
            var points = rows.OrderBy(r => r.At).Select(r =>
            {
                var (found, resolved) = changes.GetValueOrDefault(r.Run);
                return new TrendRun(r.Run, r.At, r.Figures[0], r.Figures[1], r.Figures[2], r.Figures[3], r.Figures[4], r.Open, found, resolved);
            }).ToList();
            return new Result(points, period, from, to, runs);
        }

        /// <summary>
        /// Items each run found new and resolved in the area. The province's are the run's own counts; a commune's or school's are
        /// counted from the events of the area's items.
        /// </summary>
        private async Task<Dictionary<Guid, (int Found, int Resolved)>> ChangesAsync(
            Query query, UserScope scope, Guid[] runs, CancellationToken cancellationToken)
        {
            if (runs.Length == 0)
            {
                return [];
            }

            if (query.SchoolCode is null && query.CommuneCode is null && scope.IsProvinceWide)
            {
                var finished = await db.SyncRuns.AsNoTracking().Where(r => runs.Contains(r.Id)).ToListAsync(cancellationToken);
                return finished.Select(r => (r.Id, Counts: RunFigures.Of(r)))
                    .ToDictionary(r => r.Id, r => r.Counts is null ? (0, 0) : (r.Counts.Items.New, r.Counts.Items.Resolved));
            }

            var schools = db.Schools.AsNoTracking();
            if (query.SchoolCode is not null)
            {
                schools = schools.Where(s => s.Code == query.SchoolCode);
            }
            else if (query.CommuneCode == DrillDown.NoCommune)
            {
                schools = schools.Where(s => s.CommuneCode == null || s.CommuneCode == "");
            }
            else if (query.CommuneCode is not null)
            {
                schools = schools.Where(s => s.CommuneCode == query.CommuneCode);
            }

            var codes = (await schools.Select(s => s.Code).ToListAsync(cancellationToken)).Where(scope.CanSee).ToArray();
            await using var command = dataSource.CreateCommand(ChangesSql);
            command.Parameters.Add(new NpgsqlParameter<string[]>("areaSchools", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = codes });
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("runs", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Uuid) { TypedValue = runs });
            var result = new Dictionary<Guid, (int, int)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                result[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetInt32(2));
            }

            return result;
        }
    }

    private static DateTimeOffset? Start(DateOnly? day, TimeSpan offset) =>
        day is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), offset).ToUniversalTime() : null;
}
