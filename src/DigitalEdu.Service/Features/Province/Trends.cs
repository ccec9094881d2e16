using DigitalEdu.Data;
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

    private const string CoverageSql =
        $"""
        SELECT c.run_id, max(c.taken_at), sum(c.persons)::int,
               COALESCE(sum(c.persons) FILTER (WHERE c.person_kind = '{WireNames.Student}'), 0)::int,
               sum(c.with_personal_id)::int, sum(c.verified)::int, sum(c.health_current)::int, jsonb_agg(c.open_items)
          FROM coverage_snapshots c
          JOIN sync_runs r ON r.id = c.run_id
          LEFT JOIN schools s ON s.code = c.school_code
         WHERE ((@school::text IS NULL AND r.school_code IS NULL) OR c.school_code = @school)
           AND (@commune::text IS NULL OR (@commune = '{DrillDown.NoCommune}' AND COALESCE(s.commune_code, '') = '') OR s.commune_code = @commune)
           AND (@schools::text[] IS NULL OR c.school_code = ANY (@schools))
           AND (@from::timestamptz IS NULL OR c.taken_at >= @from)
           AND (@to::timestamptz IS NULL OR c.taken_at < @to)
         GROUP BY c.run_id
         ORDER BY max(c.taken_at) DESC
         LIMIT @limit
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
        public async Task<Result?> HandleAsync(Query query, UserScope scope, CancellationToken cancellationToken)
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

            await using var command = dataSource.CreateCommand(CoverageSql);
            command.Parameters.Add(new NpgsqlParameter<string?>("school", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.SchoolCode });
            command.Parameters.Add(new NpgsqlParameter<string?>("commune", NpgsqlTypes.NpgsqlDbType.Text) { TypedValue = query.CommuneCode });
            CoverageReport.AddSchools(command, scope.Schools);
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", NpgsqlTypes.NpgsqlDbType.TimestampTz) { TypedValue = Start(from, vietnam) });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", NpgsqlTypes.NpgsqlDbType.TimestampTz)
            {
                TypedValue = Start(to?.AddDays(1), vietnam),
            });
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
