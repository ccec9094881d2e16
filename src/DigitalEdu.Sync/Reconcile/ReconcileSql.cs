using DigitalEdu.Domain.Reporting;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Sync.Staging;

namespace DigitalEdu.Sync.Reconcile;

/// <summary>
/// The reconcile as set-based SQL over the stored records, in the order of README.md beside this file:
/// duplicate groups and held records, SMS–national pairs, findings, then the upsert into the stable mismatch items.
/// Every statement runs in one transaction, and so do the working tables' lives (<see cref="Open"/>).
/// </summary>
internal static class ReconcileSql
{
    /// <summary>Placeholder for the kind of the working tables: <c>UNLOGGED</c> in a province or incremental reconcile, <c>TEMP</c> in a school's.</summary>
    public const string WorkingPlaceholder = "{working}";

    /// <summary>
    /// What a reconcile runs first: the home of its working tables, then its settings. A province reconcile's working tables
    /// are unlogged tables in a schema of its own, put first on the search path for the transaction: parallel workers cannot
    /// read a session's temporary tables, and over a province every statement after the first reads what the earlier ones
    /// wrote; with them readable, the findings, the pairs, the held records and the coverage scan and hash in parallel workers
    /// (ADR 0004). The schema keeps them apart from
    /// everything else's without renaming each; they are created in the transaction and dropped with the schema before commit
    /// (<see cref="Close"/>), so a failed reconcile rolls them back with the rest and nothing is left behind. An incremental
    /// run's working set holds tens of thousands of records, enough for parallel workers to pay too (<see cref="ChangedSettings"/>).
    /// A school run works on a few thousand records, where they do not, and creating an unlogged table syncs a file to disk:
    /// there they are temporary tables, which need no sync.
    /// </summary>
    public static string Open(ReconcileScope scope, string schema) => scope.UsesWorkingSchema
        ? $"CREATE SCHEMA {schema}; SELECT set_config('search_path', '{schema}, ' || current_setting('search_path'), true);" +
          Settings + (scope.IsProvince ? ProvinceSettings : ChangedSettings)
        : Settings;

    /// <summary>What a reconcile runs last, before it commits: its working tables go.</summary>
    public static string Close(ReconcileScope scope, string schema) => scope.UsesWorkingSchema ? $"DROP SCHEMA {schema} CASCADE;" : "DISCARD TEMP;";

    /// <summary>A statement as the scope runs it: which records, exams and working tables it reads and writes.</summary>
    public static string Prepare(string sql, Guid runId, ReconcileScope scope)
    {
        var province = scope.IsProvince;
        return sql
            .Replace(ExamsPlaceholder, province ? ProvinceLatestExams : WorkingSetLatestExams, StringComparison.Ordinal)
            .Replace(WorkingPlaceholder, scope.UsesWorkingSchema ? "UNLOGGED" : "TEMP", StringComparison.Ordinal)
            .Replace(RecordsPlaceholder, province ? "person_records" : "rc_records", StringComparison.Ordinal)
            .Replace(SeedsPlaceholder, Staging.StagingTables.Seeds(runId), StringComparison.Ordinal)
            .Replace(ChangedPlaceholder, scope.ChangedOnly ? ChangedItems : "", StringComparison.Ordinal);
    }

    /// <summary>Placeholder for the records the statements read: the whole table, or a school run's working set.</summary>
    public const string RecordsPlaceholder = "{records}";

    /// <summary>Placeholder for the statement that finds each pupil's latest exam: over the province, or a working set's pupils.</summary>
    public const string ExamsPlaceholder = "{exams}";

    /// <summary>
    /// Settings for the reconcile transaction. The sorts and hashes over a province's records fit in memory with room to
    /// spare (the default 4 MB spills them to disk), and JIT compiling these one-off statements costs more than it saves.
    /// Merge joins are off because every join here is an equality on keys: hashing them is cheaper than sorting them.
    /// The working tables are analysed on a small sample: the planner needs their sizes and how the kinds split, not more.
    /// </summary>
    public const string Settings =
        $"""
        SET LOCAL work_mem = '256MB';
        SET LOCAL jit = off;
        SET LOCAL enable_mergejoin = off;
        {SampledStatistics}
        """;

    /// <summary>
    /// A province reconcile joins whole tables: hashing is the right plan for every join. A nested loop is only ever picked on a
    /// misestimate, and then over a province it does not finish: a full run's MOET-code pairing was once seen scanning a
    /// working table once per record, a nested loop picked on the apply's sampled statistics (ADR 0005). Nested loops stay possible where nothing else can run (LATERAL).
    /// <para>
    /// Parallel plans are costed as nearly free: every statement here reads millions of rows, so starting workers is cheap
    /// beside it, and the default cost per row passed up from a worker keeps the planner from splitting the findings' branches
    /// and the hash joins over the wide pair rows.
    /// </para>
    /// </summary>
    public const string ProvinceSettings =
        """
        SET LOCAL enable_nestloop = off;
        SET LOCAL parallel_setup_cost = 0;
        SET LOCAL parallel_tuple_cost = 0.0001;
        """;

    /// <summary>
    /// An incremental run's statements read its working set (tens of thousands of records) and probe the stored tables by
    /// index from it, so nested loops stay on. Parallel plans are costed as cheap, as for a province: the working set is large
    /// enough for workers to pay (ADR 0006).
    /// </summary>
    public const string ChangedSettings =
        """
        SET LOCAL parallel_setup_cost = 0;
        SET LOCAL parallel_tuple_cost = 0.0001;
        """;

    /// <summary>
    /// A statement whose only nested loops are over a few constant rows per record (<c>CROSS JOIN LATERAL (VALUES ...)</c>: one
    /// row per candidate item or field), which no other join can do. With nested loops off in a province reconcile, each such
    /// loop still carries the planner's cost penalty for a disabled plan; that penalty dwarfs every other cost, so the planner
    /// could no longer tell a parallel plan from a serial one and ran the pairs' field comparison in one process. Nested
    /// loops are allowed for this statement only; a province's other statements keep them off (<see cref="ProvinceSettings"/>).
    /// </summary>
    public static string WithConstantRowLoops(string sql, ReconcileScope scope) =>
        scope.IsProvince ? WithSetting("enable_nestloop", "on", "off", sql) : sql;

    /// <summary>
    /// <paramref name="sql"/> with a planner setting changed for it alone and set back to <paramref name="restore"/> after (the
    /// transaction's value; RESET would go to the session's).
    /// </summary>
    private static string WithSetting(string setting, string value, string restore, string sql) =>
        $"SET LOCAL {setting} = {value};\n{sql}\nSET LOCAL {setting} = {restore};";

    /// <summary>Statistics from a small sample (<see cref="StoredStatistics"/>), for the working tables too.</summary>
    public const string SampledStatistics = StoredStatistics.Sampled;

    /// <summary>The statistics a replaced province's tables need before the reconcile plans (<see cref="StoredStatistics"/>).</summary>
    public const string ProvinceStatistics = StoredStatistics.Province;

    /// <summary>
    /// A school run's working set: the school's SMS and national records, and everything linked to them through equal personal
    /// ID digits or MOET code, followed until nothing new turns up. Duplicate groups, held records, both pairing steps and their
    /// preferences only ever compare records that share digits or a code, so such a connected set reconciles exactly as it would
    /// within the province: a pupil who moved in or out, a duplicate at another school, a national record still at the old school,
    /// and whatever competes with them for a pair are all in it. Every item of the school concerns one of its SMS records, a
    /// national record paired with one, or an unpaired national record of the school, so it comes from this set.
    /// Provincial records and health exams are looked up per SMS record and need not be copied.
    /// <para>
    /// The set is fetched back by row address (ctid), valid within the statement: fetched back by key, with the reconcile's
    /// memory for hashing, the planner hashed the whole table for it.
    /// </para>
    /// </summary>
    public const string SchoolScope =
        $$"""
        CREATE {working} TABLE rc_records AS
        WITH RECURSIVE linked (source, person_kind, source_key, digits, moet_code, row_id) AS (
            SELECT p.source, p.person_kind, p.source_key, p.personal_id_digits, p.moet_code, p.ctid
              FROM person_records p
             WHERE p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.school_code = @school
            UNION
            SELECT o.source, o.person_kind, o.source_key, o.digits, o.moet_code, o.row_id
              FROM linked l
             CROSS JOIN LATERAL (
                    SELECT p.source, p.person_kind, p.source_key, p.personal_id_digits AS digits, p.moet_code, p.ctid AS row_id
                      FROM person_records p
                     WHERE p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = l.person_kind AND p.personal_id_digits = l.digits
                    UNION ALL
                    SELECT p.source, p.person_kind, p.source_key, p.personal_id_digits, p.moet_code, p.ctid
                      FROM person_records p
                     WHERE p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = l.person_kind AND p.moet_code = l.moet_code) o)
        SELECT p.*
          FROM (SELECT DISTINCT row_id FROM linked) k
          JOIN person_records p ON p.ctid = k.row_id;

        ANALYZE rc_records;
        """;

    /// <summary>Placeholder for the limit an incremental run puts on what it may resolve: none, or <see cref="ChangedItems"/>.</summary>
    public const string ChangedPlaceholder = "{changed}";

    /// <summary>The items an incremental run decides: those of the persons in its working set.</summary>
    public const string ChangedItems = "AND m.person_ref IN (SELECT r.person_ref FROM rc_refs r)";

    /// <summary>Placeholder for the table of what an incremental run changed (<see cref="Staging.StagingTables.Seeds"/>).</summary>
    public const string SeedsPlaceholder = "{seeds}";

    /// <summary>
    /// An incremental run's working set: the SMS and national records it stored, the records that shared digits or a MOET code
    /// with what those records held before (a pair or a duplicate group they left), the SMS records whose provincial copy or
    /// health exams it stored, and everything linked to those, followed until nothing new turns up, as for a school run. Items
    /// of other persons cannot have changed: nothing they are compared with did. <c>rc_refs</c> names the persons whose items
    /// this reconcile decides.
    /// <para>
    /// Each record found carries the digits and MOET code whose lookups found it (<c>looked_*</c>): every record sharing those is
    /// already in the set, so a record is looked up only by a key that differs from them. A pupil's SMS record and its national
    /// partner share both keys, so the partner a seed finds is not looked up again; that halves the index lookups of a
    /// school-style closure. The seeds table is
    /// analysed first: unanalysed, the planner takes its unused old-key columns for full and hashes the whole table to join them.
    /// It is also marked for parallel scans, which its size alone (a few MB) would not get: the first step, the lookups of each
    /// seed's keys, then runs in parallel workers (up to max_parallel_workers_per_gather), which read the pages the walk needs
    /// next into shared buffers side by side. A changed
    /// record is a seed by the digits and MOET code it now holds (<see cref="Staging.StagingTables.Seeds"/>), which find it
    /// and its partners at once; by its key only when it holds neither.
    /// </para>
    /// <para>
    /// The first two steps are statements that parallel workers share: the seeds' lookups (<c>rc_first</c>), then the lookups
    /// of what those found by the keys that did not find it (a pupil found by its MOET code, by its digits). Only a third step
    /// and beyond, rare, is the serial recursion. The walk yields row addresses (<c>rc_linked</c>); the records are fetched by
    /// them in a statement of their own, which parallel workers share (ADR 0006). The addresses stay valid between the two statements: only the apply writes the stored records,
    /// and it runs under the reconcile's lock. Hash joins are off for the fetch: costed as a page read each, a few hundred
    /// thousand addresses would look dearer than hashing the whole table in parallel, which reads all of it.
    /// </para>
    /// </summary>
    public const string ChangedScope =
        $$"""
        ALTER TABLE {seeds} SET (parallel_workers = 8);
        ANALYZE {seeds};

        CREATE {working} TABLE rc_first AS
        SELECT p.person_kind, p.personal_id_digits AS digits, p.moet_code,
               CAST(NULL AS text) COLLATE "C" AS looked_digits, CAST(NULL AS text) COLLATE "C" AS looked_moet, p.ctid AS row_id
          FROM {seeds} k
          JOIN person_records p ON p.source = k.source AND p.person_kind = k.person_kind AND p.source_key = k.source_key
         WHERE k.source_key IS NOT NULL AND p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}')
        UNION
        SELECT p.person_kind, p.personal_id_digits, p.moet_code, k.digits, k.moet_code, p.ctid
          FROM {seeds} k
          JOIN person_records p ON p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = k.person_kind AND p.personal_id_digits = k.digits
         WHERE k.digits IS NOT NULL
        UNION
        SELECT p.person_kind, p.personal_id_digits, p.moet_code, k.digits, k.moet_code, p.ctid
          FROM {seeds} k
          JOIN person_records p ON p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = k.person_kind AND p.moet_code = k.moet_code
         WHERE k.moet_code IS NOT NULL;

        ALTER TABLE rc_first SET (parallel_workers = 8);

        CREATE {working} TABLE rc_linked AS
        WITH RECURSIVE linked (person_kind, digits, moet_code, looked_digits, looked_moet, row_id) AS (
            -- The first step's records, each looked up by both its keys: by the joins below where they differ from the keys
            -- that found it.
            SELECT f.person_kind, f.digits, f.moet_code, f.digits, f.moet_code, f.row_id FROM rc_first f
            UNION
            SELECT p.person_kind, p.personal_id_digits, p.moet_code, f.digits, f.moet_code, p.ctid
              FROM rc_first f
              JOIN person_records p ON p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = f.person_kind AND p.personal_id_digits = f.digits
             WHERE f.digits IS DISTINCT FROM f.looked_digits
            UNION
            SELECT p.person_kind, p.personal_id_digits, p.moet_code, f.digits, f.moet_code, p.ctid
              FROM rc_first f
              JOIN person_records p ON p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = f.person_kind AND p.moet_code = f.moet_code
             WHERE f.moet_code IS DISTINCT FROM f.looked_moet
            UNION
            SELECT o.person_kind, o.digits, o.moet_code, l.digits, l.moet_code, o.row_id
              FROM linked l
             CROSS JOIN LATERAL (
                    SELECT p.person_kind, p.personal_id_digits AS digits, p.moet_code, p.ctid AS row_id
                      FROM person_records p
                     WHERE l.digits IS DISTINCT FROM l.looked_digits
                       AND p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = l.person_kind AND p.personal_id_digits = l.digits
                    UNION ALL
                    SELECT p.person_kind, p.personal_id_digits, p.moet_code, p.ctid
                      FROM person_records p
                     WHERE l.moet_code IS DISTINCT FROM l.looked_moet
                       AND p.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND p.person_kind = l.person_kind AND p.moet_code = l.moet_code) o)
        SELECT DISTINCT row_id FROM linked;

        ALTER TABLE rc_linked SET (parallel_workers = 8);
        SET LOCAL enable_hashjoin = off;

        CREATE {working} TABLE rc_records AS
        SELECT p.* FROM rc_linked k JOIN person_records p ON p.ctid = k.row_id;

        SET LOCAL enable_hashjoin = on;

        ANALYZE rc_records;

        CREATE {working} TABLE rc_refs AS
        SELECT DISTINCT source || ':' || source_key AS person_ref FROM rc_records;

        ANALYZE rc_refs;

        DROP TABLE {seeds};
        """;

    /// <summary>
    /// Keys shared by more than one record on a side, counted once: duplicate groups are those with two or more active
    /// records, and only for these keys must pairing choose a record (everywhere else a key has exactly one). The held
    /// records (the groups' members and what would match them) are one table built from a query, like the findings, so its
    /// scans may run in parallel workers.
    /// </summary>
    public const string DuplicatesAndHeld =
        $$"""
        CREATE {working} TABLE rc_groups AS
        SELECT source, person_kind, personal_id_digits AS digits, count(*) FILTER (WHERE is_active) AS active
          FROM {records}
         WHERE source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND personal_id_digits IS NOT NULL
         GROUP BY source, person_kind, personal_id_digits
        HAVING count(*) > 1;

        ANALYZE rc_groups;

        CREATE {working} TABLE rc_members AS
        SELECT p.source, p.person_kind, p.source_key, p.moet_code
          FROM {records} p
          JOIN rc_groups d ON d.active > 1 AND d.source = p.source AND d.person_kind = p.person_kind AND d.digits = p.personal_id_digits
         WHERE p.is_active;

        ANALYZE rc_members;

        -- The members, and the other side's records that would match a group: by the group's digits, or by a member's MOET
        -- code. Two joins rather than one OR, so each can use its index on person_records.
        CREATE {working} TABLE rc_held AS
        SELECT m.source, m.person_kind, m.source_key, m.moet_code, true AS is_member
          FROM rc_members m
        UNION ALL
        SELECT DISTINCT o.source, o.person_kind, o.source_key, o.moet_code, false
          FROM (SELECT o.source, o.person_kind, o.source_key, o.moet_code
                  FROM rc_groups d
                  JOIN {records} o ON o.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND o.source <> d.source
                                       AND o.person_kind = d.person_kind AND o.personal_id_digits = d.digits
                 WHERE d.active > 1
                UNION
                SELECT o.source, o.person_kind, o.source_key, o.moet_code
                  FROM rc_members h
                  JOIN {records} o ON o.source IN ('{{WireNames.Sms}}', '{{WireNames.National}}') AND o.source <> h.source
                                       AND o.person_kind = h.person_kind AND o.moet_code = h.moet_code) o
         WHERE NOT EXISTS (SELECT 1 FROM rc_members m WHERE m.source = o.source AND m.person_kind = o.person_kind AND m.source_key = o.source_key);

        ANALYZE rc_held;
        """;

    // The columns of a record that pairing orders by and the findings and coverage read, from either side.
    private const string RecordColumns =
        "p.person_kind, p.source_key, p.school_code, p.moet_code, p.personal_id_raw, p.personal_id_digits, p.id_present, p.id_defect, " +
        "p.full_name, p.full_name_key, p.date_of_birth, p.gender, p.ethnicity_code, p.father_name, p.father_name_key, p.mother_name, " +
        "p.mother_name_key, p.grade, p.class_name, p.status, p.is_active, p.updated_at, p.population_status, p.health_exam_date, " +
        "p.uncompared, (p.quarantine_reasons IS NOT NULL) AS placeholder";

    // A pair row: both records side by side, so no later step has to join the pair back to its records.
    private const string PairColumns =
        "s.person_kind, s.source_key AS sms_key, n.source_key AS nat_key, " +
        "s.school_code AS s_school, s.moet_code AS s_moet, s.personal_id_raw AS s_id_raw, s.personal_id_digits AS s_digits, " +
        "s.id_present AS s_id_present, s.id_defect AS s_id_defect, s.full_name AS s_name, s.full_name_key AS s_name_key, " +
        "s.date_of_birth AS s_dob, s.gender AS s_gender, s.ethnicity_code AS s_ethnicity, s.father_name AS s_father, " +
        "s.father_name_key AS s_father_key, s.mother_name AS s_mother, s.mother_name_key AS s_mother_key, s.grade AS s_grade, " +
        "s.class_name AS s_class, s.status AS s_status, s.is_active AS s_active, " +
        "n.school_code AS n_school, n.moet_code AS n_moet, n.personal_id_digits AS n_digits, n.id_present AS n_id_present, " +
        "n.id_defect AS n_id_defect, n.full_name AS n_name, n.full_name_key AS n_name_key, n.date_of_birth AS n_dob, " +
        "n.gender AS n_gender, n.ethnicity_code AS n_ethnicity, n.father_name AS n_father, n.father_name_key AS n_father_key, " +
        "n.mother_name AS n_mother, n.mother_name_key AS n_mother_key, n.grade AS n_grade, n.class_name AS n_class, " +
        "n.status AS n_status, n.is_active AS n_active, n.population_status AS n_population, n.health_exam_date AS n_exam, " +
        "s.uncompared AS s_uncompared, s.placeholder AS s_placeholder, n.uncompared AS n_uncompared, n.placeholder AS n_placeholder";

    /// <summary>
    /// The pairs, by personal ID and then by MOET code, each carrying both records' columns. One record per key and side:
    /// where a key has one record (nearly always) it is taken as it is; only the few keys with more are sorted to choose.
    /// Sort keys lead with the most selective column, since the kind alone tells few rows apart. The MOET-code pairs are a table
    /// of their own first, copied in after: built from a query, they may be computed by parallel workers, and the copy of a
    /// small share of the pairs costs little.
    /// </summary>
    public const string Pairs =
        $$"""
        CREATE {working} TABLE rc_pairs AS
        WITH s AS (
            SELECT {{RecordColumns}}
              FROM {records} p
             WHERE p.source = '{{WireNames.Sms}}' AND p.personal_id_digits IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_groups g WHERE g.source = '{{WireNames.Sms}}' AND g.person_kind = p.person_kind AND g.digits = p.personal_id_digits)
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = '{{WireNames.Sms}}' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (p.personal_id_digits, p.person_kind) {{RecordColumns}}
                  FROM {records} p
                  JOIN rc_groups g ON g.source = '{{WireNames.Sms}}' AND g.person_kind = p.person_kind AND g.digits = p.personal_id_digits
                 WHERE p.source = '{{WireNames.Sms}}'
                   AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = '{{WireNames.Sms}}' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
                 ORDER BY p.personal_id_digits, p.person_kind, p.is_active DESC, p.updated_at DESC, p.source_key) chosen),
        n AS (
            SELECT {{RecordColumns}}
              FROM {records} p
             WHERE p.source = '{{WireNames.National}}' AND p.personal_id_digits IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_groups g WHERE g.source = '{{WireNames.National}}' AND g.person_kind = p.person_kind AND g.digits = p.personal_id_digits)
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = '{{WireNames.National}}' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
            UNION ALL
            SELECT * FROM (
                SELECT DISTINCT ON (p.personal_id_digits, p.person_kind) {{RecordColumns}}
                  FROM {records} p
                  JOIN rc_groups g ON g.source = '{{WireNames.National}}' AND g.person_kind = p.person_kind AND g.digits = p.personal_id_digits
                 WHERE p.source = '{{WireNames.National}}'
                   AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = '{{WireNames.National}}' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
                 ORDER BY p.personal_id_digits, p.person_kind, p.is_active DESC, p.updated_at DESC, p.source_key) chosen)
        SELECT 'personal_id'::text AS matched_by, {{PairColumns}}
          FROM s JOIN n ON n.person_kind = s.person_kind AND n.personal_id_digits = s.personal_id_digits;

        ANALYZE rc_pairs;

        CREATE {working} TABLE rc_pairs_by_moet AS
        WITH s AS (
            SELECT DISTINCT ON (p.moet_code, p.person_kind) {{RecordColumns}}
              FROM {records} p
             WHERE p.source = '{{WireNames.Sms}}' AND p.moet_code IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = '{{WireNames.Sms}}' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
               AND NOT EXISTS (SELECT 1 FROM rc_pairs r WHERE r.person_kind = p.person_kind AND r.sms_key = p.source_key)
             ORDER BY p.moet_code, p.person_kind, p.is_active DESC, p.updated_at DESC, p.source_key),
        n AS (
            SELECT DISTINCT ON (p.moet_code, p.person_kind) {{RecordColumns}}
              FROM {records} p
             WHERE p.source = '{{WireNames.National}}' AND p.moet_code IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = '{{WireNames.National}}' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
               AND NOT EXISTS (SELECT 1 FROM rc_pairs r WHERE r.person_kind = p.person_kind AND r.nat_key = p.source_key)
             ORDER BY p.moet_code, p.person_kind, p.is_active DESC, p.updated_at DESC, p.source_key)
        SELECT 'moet_code', {{PairColumns}}
          FROM s JOIN n ON n.person_kind = s.person_kind AND n.moet_code = s.moet_code;

        INSERT INTO rc_pairs SELECT * FROM rc_pairs_by_moet;

        ANALYZE rc_pairs;

        -- Each SMS pupil's latest exam, once for both the health items and the coverage.
        {exams}

        ANALYZE rc_health;
        """;

    /// <summary>Pupils a school needs, compared on both sides, before a turnover is told from chance differences.</summary>
    public const int TurnoverMinimumPupils = 10;

    /// <summary>
    /// The school year's turnover: a school where more than half of the pupils both systems hold there are one grade ahead in
    /// one system has not turned over in the other yet. Its pupils' grade and class items are one school-level item while it lasts
    /// (<see cref="MismatchKinds.GradeTurnover"/>); once both sides agree again the pupils' own items come back. A province or
    /// school run decides from its pairs (a school run for its school only); an incremental run, which pairs only what changed,
    /// keeps each school's turnover as the last run that saw all its pupils left it.
    /// </summary>
    public static string Turnover(ReconcileScope scope) =>
        (scope.ChangedOnly
            ? $$"""
              CREATE {working} TABLE rc_turnover AS
              SELECT m.school_code, m.detail AS behind, m.sms_value AS shifted, m.national_value AS compared
                FROM mismatches m
               WHERE m.kind = '{{MismatchKinds.GradeTurnover}}' AND m.status = '{{MismatchStatus.Open}}';
              """
            : $$"""
              CREATE {working} TABLE rc_turnover AS
              SELECT c.school_code,
                     CASE WHEN c.sms_ahead * 2 > c.compared THEN '{{WireNames.National}}' ELSE '{{WireNames.Sms}}' END AS behind,
                     GREATEST(c.sms_ahead, c.national_ahead)::text AS shifted, c.compared::text AS compared
                FROM (SELECT r.s_school AS school_code, count(*) AS compared,
                             count(*) FILTER (WHERE r.s_grade = r.n_grade + 1) AS sms_ahead,
                             count(*) FILTER (WHERE r.n_grade = r.s_grade + 1) AS national_ahead
                        FROM rc_pairs r
                       WHERE r.person_kind = '{{WireNames.Student}}' AND r.s_active AND r.n_active AND r.s_school = r.n_school
                         AND r.s_grade IS NOT NULL AND r.n_grade IS NOT NULL AND NOT (r.s_placeholder OR r.n_placeholder)
                         AND (@school IS NULL OR r.s_school = @school)
                       GROUP BY r.s_school) c
               WHERE c.compared >= {{TurnoverMinimumPupils}} AND (c.sms_ahead * 2 > c.compared OR c.national_ahead * 2 > c.compared);
              """)
        + $$"""

        DELETE FROM rc_found f USING rc_turnover t
         WHERE f.school_code = t.school_code AND f.kind = '{{MismatchKinds.FieldMismatch}}' AND f.person_kind = '{{WireNames.Student}}'
           AND f.field IN ('{{Fields.Grade}}', '{{Fields.ClassName}}');

        INSERT INTO rc_found (kind, person_kind, person_ref, field_key, side, detail, field, school_code, sms_key, moet_code, personal_id,
                              sms_value, national_value, provincial_value, national_verified)
        SELECT '{{MismatchKinds.GradeTurnover}}', '{{WireNames.Student}}', '{{SchoolRefPrefix}}' || t.school_code, '', t.behind, t.behind, NULL,
               t.school_code, NULL, NULL, NULL, t.shifted, t.compared, NULL, false
          FROM rc_turnover t;
        """;

    /// <summary>How the person ref of a school-level item starts (no person's record key has a colon of its own).</summary>
    public const string SchoolRefPrefix = "school:";

    /// <summary>A province's latest exam per pupil: every exam, grouped.</summary>
    public const string ProvinceLatestExams =
        """
        CREATE {working} TABLE rc_health AS
        SELECT h.student_key, max(h.exam_date) AS latest
          FROM health_exams h
         GROUP BY h.student_key;
        """;

    /// <summary>
    /// A school or incremental run's latest exam per pupil of its working set: one probe of the exams' index per pupil. Written
    /// as a probe, since with the working set readable by parallel workers the planner would rather hash it against a parallel
    /// scan of every exam's index entry, which reads far more than the probes.
    /// </summary>
    public const string WorkingSetLatestExams =
        $$"""
        CREATE {working} TABLE rc_health AS
        SELECT s.source_key AS student_key, e.latest
          FROM rc_records s
         CROSS JOIN LATERAL (SELECT max(h.exam_date) AS latest FROM health_exams h WHERE h.student_key = s.source_key) e
         WHERE s.source = '{{WireNames.Sms}}' AND s.person_kind = '{{WireNames.Student}}' AND e.latest IS NOT NULL;
        """;

    /// <summary>
    /// What each record or pair has to report, one row per item, as one statement: a table created from a query may be
    /// computed by parallel workers (an INSERT … SELECT may not), and the branches of the UNION ALL are then shared among them.
    /// </summary>
    public const string Findings =
        $$"""
        CREATE {working} TABLE rc_found (kind, person_kind, person_ref, field_key, side, detail, field, school_code, sms_key, moet_code,
                                         personal_id, sms_value, national_value, provincial_value, national_verified) AS
        -- SMS side, each record on itself: an active record's id items, and any record's unreadable values and quarantined
        -- original, ruled out together before the candidate items are spelled out (as for the national side below).
        SELECT k.kind, s.person_kind, 'sms:' || s.source_key, k.field, '{{WireNames.Sms}}', k.detail, NULLIF(k.field, ''), s.school_code,
               CASE WHEN k.kind <> '{{MismatchKinds.RecordQuarantined}}' THEN s.source_key END, s.moet_code,
               CASE WHEN k.about_id THEN s.personal_id_raw ELSE COALESCE(s.personal_id_digits, s.personal_id_raw) END,
               k.sms_value, NULL, NULL, false
          FROM (SELECT s.*, s.is_active AND (s.id_defect IS NOT NULL
                           OR (NOT s.id_present AND NOT COALESCE('{{Fields.PersonalId}}' = ANY (s.uncompared), false))) AS id_item
                  FROM {records} s
                 WHERE s.source = '{{WireNames.Sms}}'
                   AND ((s.is_active AND (s.id_defect IS NOT NULL
                         OR (NOT s.id_present AND NOT COALESCE('{{Fields.PersonalId}}' = ANY (s.uncompared), false))))
                        OR s.unreadable IS NOT NULL OR s.quarantine_reasons IS NOT NULL)) s
         CROSS JOIN LATERAL (
              SELECT * FROM (VALUES
                  (CASE WHEN s.id_present THEN '{{MismatchKinds.IdInvalid}}' ELSE '{{MismatchKinds.IdMissing}}' END,
                      CASE WHEN s.id_present THEN s.id_defect ELSE '{{WireNames.Sms}}' END, s.personal_id_raw, '', true, s.id_item),
                  ('{{MismatchKinds.RecordQuarantined}}', '{{WireNames.Sms}}', array_to_string(s.quarantine_reasons, '; '), '', false,
                      s.quarantine_reasons IS NOT NULL)
              ) AS v(kind, detail, sms_value, field, about_id, applies)
              UNION ALL
              SELECT '{{MismatchKinds.UnreadableValue}}', u.key, u.value, u.key, false, true FROM jsonb_each_text(s.unreadable) u
          ) AS k(kind, detail, sms_value, field, about_id, applies)
         WHERE k.applies
        UNION ALL
        -- National side, each record with its SMS partner when it has one: an active record's id and presence items, and any
        -- record's unreadable values and quarantined original. Records with nothing to report are ruled out before the candidate
        -- items are spelled out (the condition is the union of the items' own). Id and presence items fall back to the national
        -- key when the record has no MOET code; a value or quarantine item names the MOET code it has, if any, and its digits.
        SELECT k.kind, n.person_kind, COALESCE('sms:' || n.pair_sms_key, 'national:' || n.source_key), k.field, '{{WireNames.National}}',
               k.detail, NULLIF(k.field, ''), COALESCE(n.pair_sms_school, n.school_code), n.pair_sms_key,
               COALESCE(n.pair_sms_moet, n.moet_code, CASE WHEN k.keyed_nationally THEN n.source_key END),
               CASE WHEN k.keyed_nationally THEN n.personal_id_raw ELSE COALESCE(n.personal_id_digits, n.personal_id_raw) END,
               NULL, k.national_value, NULL, false
          FROM (SELECT n.person_kind, n.source_key, n.school_code, n.moet_code, n.personal_id_raw, n.personal_id_digits, n.id_present,
                       n.id_defect, n.population_status, n.disputed_fields, n.is_active AS active, n.unreadable, n.quarantine_reasons,
                       COALESCE('{{Fields.PersonalId}}' = ANY (n.uncompared), false) AS id_unknown,
                       COALESCE(n.uncompared && ARRAY['{{Fields.PopulationCheck}}', '{{Fields.PopulationStatus}}'], false) AS check_unknown,
                       r.sms_key AS pair_sms_key, r.s_moet AS pair_sms_moet, r.s_school AS pair_sms_school,
                       (h.source_key IS NOT NULL) AS held, (h.is_member IS TRUE) AS dup_member
                  FROM {records} n
                  LEFT JOIN rc_pairs r ON r.person_kind = n.person_kind AND r.nat_key = n.source_key
                  LEFT JOIN rc_held h ON h.source = '{{WireNames.National}}' AND h.person_kind = n.person_kind AND h.source_key = n.source_key
                 WHERE n.source = '{{WireNames.National}}'
                   AND ((n.is_active
                         AND (NOT n.id_present OR n.id_defect IS NOT NULL OR n.population_status IS DISTINCT FROM '{{PopulationCheckStatus.Verified}}'
                              OR h.is_member IS TRUE OR (h.source_key IS NULL AND r.sms_key IS NULL)))
                        OR n.unreadable IS NOT NULL OR n.quarantine_reasons IS NOT NULL)) n
          CROSS JOIN LATERAL (
              SELECT * FROM (VALUES
                  ('{{MismatchKinds.IdMissing}}', '{{WireNames.National}}', NULL::text, '', true, n.active AND NOT n.id_present AND NOT n.id_unknown),
                  ('{{MismatchKinds.IdInvalid}}', n.id_defect, n.personal_id_raw, '', true, n.active AND n.id_present AND n.id_defect IS NOT NULL),
                  ('{{MismatchKinds.IdUnverified}}', COALESCE(n.population_status, '{{PopulationCheckStatus.NotChecked}}'), array_to_string(n.disputed_fields, ', '), '', true,
                      n.active AND n.id_present AND n.id_defect IS NULL AND NOT n.check_unknown
                      AND COALESCE(n.population_status, '{{PopulationCheckStatus.NotChecked}}') <> '{{PopulationCheckStatus.Verified}}'),
                  ('{{MismatchKinds.IdDuplicate}}', NULL, n.personal_id_digits, '', true, n.active AND n.dup_member),
                  ('{{MismatchKinds.MissingInSms}}', NULL, NULL, '', true, n.active AND NOT n.held AND n.pair_sms_key IS NULL),
                  ('{{MismatchKinds.RecordQuarantined}}', '{{WireNames.National}}', array_to_string(n.quarantine_reasons, '; '), '', false,
                      n.quarantine_reasons IS NOT NULL)
              ) AS v(kind, detail, national_value, field, keyed_nationally, applies)
              UNION ALL
              SELECT '{{MismatchKinds.UnreadableValue}}', u.key, u.value, u.key, false, true FROM jsonb_each_text(n.unreadable) u
          ) AS k(kind, detail, national_value, field, keyed_nationally, applies)
         WHERE k.applies
        UNION ALL
        -- SMS duplicates and SMS records nobody on the national side matched. An SMS record is in at most one pair, so the
        -- pairs are joined rather than tested with NOT EXISTS: under the OR that would be a subplan run in one process.
        SELECT CASE WHEN h.is_member THEN '{{MismatchKinds.IdDuplicate}}' ELSE '{{MismatchKinds.MissingInNational}}' END, s.person_kind, 'sms:' || s.source_key, '',
               '{{WireNames.Sms}}', NULL, NULL, s.school_code, s.source_key, s.moet_code, COALESCE(s.personal_id_digits, s.personal_id_raw),
               CASE WHEN h.is_member THEN s.personal_id_digits END, NULL, NULL, false
          FROM {records} s
          LEFT JOIN rc_held h ON h.source = '{{WireNames.Sms}}' AND h.person_kind = s.person_kind AND h.source_key = s.source_key
          LEFT JOIN rc_pairs r ON r.person_kind = s.person_kind AND r.sms_key = s.source_key
         WHERE s.source = '{{WireNames.Sms}}' AND s.is_active
           AND (h.is_member IS TRUE OR (h.source_key IS NULL AND r.sms_key IS NULL))
        UNION ALL
        -- Pairs: one item per differing field. Most pairs agree on every field, so they are ruled out with one row comparison
        -- (a superset of the per-field test: personalId counts there whatever the validity) before any field is spelled out.
        SELECT '{{MismatchKinds.FieldMismatch}}', r.person_kind, 'sms:' || r.sms_key, f.field, '', f.field, f.field, r.s_school, r.sms_key,
               COALESCE(r.s_moet, r.n_moet, r.nat_key), COALESCE(r.s_digits, r.s_id_raw),
               f.sms_value, f.national_value, NULL, r.n_population IS NOT DISTINCT FROM '{{PopulationCheckStatus.Verified}}'
          FROM rc_pairs r
          CROSS JOIN LATERAL (VALUES
              ('{{Fields.FullName}}', r.s_name, r.n_name, r.s_name_key, r.n_name_key, true),
              ('{{Fields.DateOfBirth}}', r.s_dob::text, r.n_dob::text, r.s_dob::text, r.n_dob::text, true),
              ('{{Fields.Gender}}', r.s_gender, r.n_gender, r.s_gender, r.n_gender, true),
              ('{{Fields.SchoolCode}}', r.s_school, r.n_school, r.s_school, r.n_school, true),
              ('{{Fields.Status}}', r.s_status, r.n_status, r.s_status, r.n_status, true),
              ('{{Fields.PersonalId}}', r.s_digits, r.n_digits, r.s_digits, r.n_digits,
                  r.s_id_present AND r.s_id_defect IS NULL AND r.n_id_present AND r.n_id_defect IS NULL),
              ('{{Fields.FatherName}}', r.s_father, r.n_father, r.s_father_key, r.n_father_key, r.person_kind = '{{WireNames.Student}}'),
              ('{{Fields.MotherName}}', r.s_mother, r.n_mother, r.s_mother_key, r.n_mother_key, r.person_kind = '{{WireNames.Student}}'),
              ('{{Fields.EthnicityCode}}', r.s_ethnicity, r.n_ethnicity, r.s_ethnicity, r.n_ethnicity, r.person_kind = '{{WireNames.Student}}'),
              ('{{Fields.Grade}}', r.s_grade::text, r.n_grade::text, r.s_grade::text, r.n_grade::text, r.person_kind = '{{WireNames.Student}}'),
              ('{{Fields.ClassName}}', r.s_class, r.n_class, upper(r.s_class), upper(r.n_class), r.person_kind = '{{WireNames.Student}}')
          ) AS f(field, sms_value, national_value, sms_cmp, national_cmp, applies)
         WHERE (r.s_active OR r.n_active) AND NOT (r.s_placeholder OR r.n_placeholder)
           AND (r.s_name_key, r.s_dob, r.s_gender, r.s_school, r.s_status, r.s_digits, r.s_father_key, r.s_mother_key, r.s_ethnicity,
                r.s_grade, r.s_class)
               IS DISTINCT FROM
               (r.n_name_key, r.n_dob, r.n_gender, r.n_school, r.n_status, r.n_digits, r.n_father_key, r.n_mother_key, r.n_ethnicity,
                r.n_grade, r.n_class)
           AND f.applies AND f.sms_cmp IS DISTINCT FROM f.national_cmp
           AND f.field <> ALL (COALESCE(r.s_uncompared, '{}') || COALESCE(r.n_uncompared, '{}'))
        UNION ALL
        -- Health: the SMS is the only source of exams; the national copy must hold the latest one.
        SELECT '{{MismatchKinds.HealthNotSynced}}', '{{WireNames.Student}}', 'sms:' || r.sms_key, '', '', NULL, NULL, r.s_school, r.sms_key,
               COALESCE(r.s_moet, r.n_moet, r.nat_key), COALESCE(r.s_digits, r.s_id_raw),
               e.latest::text, r.n_exam::text, NULL, false
          FROM rc_pairs r
          JOIN rc_health e ON e.student_key = r.sms_key
         WHERE r.person_kind = '{{WireNames.Student}}' AND r.s_status = '{{PersonStatus.Studying}}' AND NOT (r.s_placeholder OR r.n_placeholder)
           AND NOT COALESCE(r.n_uncompared && ARRAY['{{Fields.NationalHealth}}', '{{Fields.NationalExamDate}}'], false)
           AND (r.n_exam IS NULL OR r.n_exam < e.latest)
        UNION ALL
        -- Provincial copy: keyed by the MOET code, it must hold every active SMS record as the SMS has it, on every field neither
        -- side holds unknown. A provincial placeholder with the record's digits counts as holding it. The provincial record's
        -- unreadable values and a placeholder's quarantine are reported through the same active SMS record, so all three come
        -- from one pass over the SMS records (joined, not tested with NOT EXISTS: under the OR that would be a subplan in one
        -- process). Personal IDs compare cleaned; equal raw text is equal cleaned text, so the regular expression runs only
        -- where the raw text differs. Most records agree on every field: one row comparison (a superset of the per-field tests)
        -- rules them out before the differing fields are listed.
        SELECT k.kind, y.person_kind, 'sms:' || y.source_key, k.field, '{{WireNames.Provincial}}', k.detail, NULLIF(k.field, ''), y.school_code,
               y.source_key, y.moet_code, y.personal_id, NULL, NULL, k.provincial_value, false
          FROM (SELECT x.*, array_remove(ARRAY[
                   CASE WHEN x.s_full_name_key IS DISTINCT FROM x.p_full_name_key AND '{{Fields.FullName}}' <> ALL (x.skip) THEN '{{Fields.FullName}}' END,
                   CASE WHEN x.s_date_of_birth IS DISTINCT FROM x.p_date_of_birth AND '{{Fields.DateOfBirth}}' <> ALL (x.skip) THEN '{{Fields.DateOfBirth}}' END,
                   CASE WHEN x.s_gender IS DISTINCT FROM x.p_gender AND '{{Fields.Gender}}' <> ALL (x.skip) THEN '{{Fields.Gender}}' END,
                   CASE WHEN x.s_school_code IS DISTINCT FROM x.p_school_code AND '{{Fields.SchoolCode}}' <> ALL (x.skip) THEN '{{Fields.SchoolCode}}' END,
                   CASE WHEN x.s_status IS DISTINCT FROM x.p_status AND '{{Fields.Status}}' <> ALL (x.skip) THEN '{{Fields.Status}}' END,
                   CASE WHEN x.s_father_name_key IS DISTINCT FROM x.p_father_name_key AND '{{Fields.FatherName}}' <> ALL (x.skip) THEN '{{Fields.FatherName}}' END,
                   CASE WHEN x.s_mother_name_key IS DISTINCT FROM x.p_mother_name_key AND '{{Fields.MotherName}}' <> ALL (x.skip) THEN '{{Fields.MotherName}}' END,
                   CASE WHEN x.s_ethnicity_code IS DISTINCT FROM x.p_ethnicity_code AND '{{Fields.EthnicityCode}}' <> ALL (x.skip) THEN '{{Fields.EthnicityCode}}' END,
                   CASE WHEN x.s_grade IS DISTINCT FROM x.p_grade AND '{{Fields.Grade}}' <> ALL (x.skip) THEN '{{Fields.Grade}}' END,
                   CASE WHEN x.s_id_raw IS DISTINCT FROM x.p_id_raw AND '{{Fields.PersonalId}}' <> ALL (x.skip)
                         AND regexp_replace(x.s_id_raw, '[\s.\-]', '', 'g') IS DISTINCT FROM regexp_replace(x.p_id_raw, '[\s.\-]', '', 'g') THEN '{{Fields.PersonalId}}' END,
                   CASE WHEN upper(x.s_class_name) IS DISTINCT FROM upper(x.p_class_name) AND '{{Fields.ClassName}}' <> ALL (x.skip) THEN '{{Fields.ClassName}}' END], NULL) AS fields
                  FROM (SELECT s.person_kind, s.source_key, s.school_code, s.moet_code, COALESCE(s.personal_id_digits, s.personal_id_raw) AS personal_id,
                               p.source_key AS p_key, p.unreadable AS p_unreadable, q.source_key AS placeholder_key,
                               q.quarantine_reasons AS placeholder_reasons, (h.source_key IS NOT NULL) AS held,
                               s.full_name_key AS s_full_name_key, p.full_name_key AS p_full_name_key, s.date_of_birth AS s_date_of_birth, p.date_of_birth AS p_date_of_birth,
                               s.gender AS s_gender, p.gender AS p_gender, s.school_code AS s_school_code, p.school_code AS p_school_code,
                               s.status AS s_status, p.status AS p_status, s.father_name_key AS s_father_name_key, p.father_name_key AS p_father_name_key,
                               s.mother_name_key AS s_mother_name_key, p.mother_name_key AS p_mother_name_key, s.ethnicity_code AS s_ethnicity_code, p.ethnicity_code AS p_ethnicity_code,
                               s.grade AS s_grade, p.grade AS p_grade, s.class_name AS s_class_name, p.class_name AS p_class_name,
                               s.personal_id_raw AS s_id_raw, p.personal_id_raw AS p_id_raw,
                               COALESCE(s.uncompared, '{}') || COALESCE(p.uncompared, '{}') AS skip
                          FROM {records} s
                          LEFT JOIN person_records p ON p.source = '{{WireNames.Provincial}}' AND p.person_kind = s.person_kind AND p.source_key = s.moet_code
                          LEFT JOIN person_records q ON q.source = '{{WireNames.Provincial}}' AND q.person_kind = s.person_kind
                                                    AND q.personal_id_digits = s.personal_id_digits AND q.quarantine_reasons IS NOT NULL
                          LEFT JOIN rc_held h ON h.source = '{{WireNames.Sms}}' AND h.person_kind = s.person_kind AND h.source_key = s.source_key
                         WHERE s.source = '{{WireNames.Sms}}' AND s.is_active
                           AND ((s.moet_code IS NOT NULL AND h.source_key IS NULL
                                 AND (p.source_key IS NULL
                                   OR (s.full_name_key, s.date_of_birth, s.gender, s.school_code, s.status, s.father_name_key, s.mother_name_key,
                                       s.ethnicity_code, s.grade, upper(s.class_name))
                                      IS DISTINCT FROM
                                      (p.full_name_key, p.date_of_birth, p.gender, p.school_code, p.status, p.father_name_key, p.mother_name_key,
                                       p.ethnicity_code, p.grade, upper(p.class_name))
                                   OR (s.personal_id_raw IS DISTINCT FROM p.personal_id_raw
                                       AND regexp_replace(s.personal_id_raw, '[\s.\-]', '', 'g') IS DISTINCT FROM regexp_replace(p.personal_id_raw, '[\s.\-]', '', 'g'))))
                                OR p.unreadable IS NOT NULL OR q.source_key IS NOT NULL)) x) y
         CROSS JOIN LATERAL (
              SELECT * FROM (VALUES
                  ('{{MismatchKinds.ProvincialStale}}', CASE WHEN y.p_key IS NULL THEN '{{MismatchDetails.Missing}}' ELSE '{{MismatchDetails.Outdated}}' END,
                      CASE WHEN y.p_key IS NOT NULL THEN array_to_string(y.fields, ', ') END, '',
                      y.moet_code IS NOT NULL AND NOT y.held
                      AND CASE WHEN y.p_key IS NULL THEN y.placeholder_key IS NULL ELSE cardinality(y.fields) > 0 END),
                  ('{{MismatchKinds.RecordQuarantined}}', '{{WireNames.Provincial}}', array_to_string(y.placeholder_reasons, '; '), '',
                      y.placeholder_key IS NOT NULL)
              ) AS v(kind, detail, provincial_value, field, applies)
              UNION ALL
              SELECT '{{MismatchKinds.UnreadableValue}}', u.key, u.value, u.key, true FROM jsonb_each_text(y.p_unreadable) u
          ) AS k(kind, detail, provincial_value, field, applies)
         WHERE k.applies
        UNION ALL
        -- Values of an SMS exam that cannot be right, one item per field, through its pupil.
        SELECT '{{MismatchKinds.UnreadableValue}}', '{{WireNames.Student}}', 'sms:' || s.source_key, v.key, '{{WireNames.Sms}}', v.key, v.key, s.school_code,
               s.source_key, s.moet_code, COALESCE(s.personal_id_digits, s.personal_id_raw), v.value, NULL, NULL, false
          FROM health_exams h
          JOIN {records} s ON s.source = '{{WireNames.Sms}}' AND s.person_kind = '{{WireNames.Student}}' AND s.source_key = h.student_key
         CROSS JOIN LATERAL jsonb_each_text(h.unreadable) v
         WHERE h.unreadable IS NOT NULL;

        ANALYZE rc_found;
        """;

    /// <summary>
    /// Items on a paused source's side, or of a kind comparing with one (<c>MismatchKinds.ComparedSources</c>): that source's
    /// records are as they were before the pause, so they decide neither a resolve nor a reopen until it is resumed.
    /// </summary>
    private const string HeldBack = "AND NOT (m.side = ANY (@paused) OR m.kind = ANY (@held_kinds))";

    /// <summary>Found again after being resolved or marked fixed: the school's fix did not reach the data, so it is open again.</summary>
    public const string Reopen =
        $$"""
        WITH prior AS (
            SELECT m.id, m.status
              FROM mismatches m
              JOIN rc_found f ON f.kind = m.kind AND f.person_kind = m.person_kind AND f.person_ref = m.person_ref
                             AND f.field_key = m.field_key AND f.side = m.side
             WHERE m.status IN ('{{MismatchStatus.Resolved}}', '{{MismatchStatus.FixedPending}}') AND (@school IS NULL OR f.school_code = @school)
               {{HeldBack}}),
        reopened AS (
            UPDATE mismatches m SET status = '{{MismatchStatus.Open}}', resolved_at = NULL
              FROM prior WHERE m.id = prior.id
            RETURNING m.id, prior.status AS from_status)
        INSERT INTO mismatch_events (mismatch_id, from_status, to_status, actor, reason, run_id, at)
        SELECT id, from_status, '{{MismatchStatus.Open}}', '{{MismatchEvents.System}}', '{{MismatchEvents.FoundAgain}}', @run, @now FROM reopened;
        """;

    /// <summary>
    /// Items found before are brought up to date in place, then the new ones are inserted, each with its "found" event. Two
    /// set-based statements rather than one INSERT … ON CONFLICT: that probes the unique index and tries a speculative insert
    /// for every row, which on a province's first run (every item new) costs clearly more than the plain insert, and the
    /// update is a hash join that leaves the indexed key alone (a heap-only update on the pages kept half empty for it).
    /// Only the reconcile writes items, under the reconcile lock, so nothing inserts between the two.
    /// </summary>
    public const string Upsert =
        $$"""
        UPDATE mismatches m
           SET detail = f.detail, field = f.field, school_code = f.school_code, sms_key = f.sms_key, moet_code = f.moet_code,
               personal_id = f.personal_id, sms_value = f.sms_value, national_value = f.national_value,
               provincial_value = f.provincial_value, national_verified = f.national_verified,
               last_seen_at = @now, last_run_id = @run
          FROM rc_found f
         WHERE (@school IS NULL OR f.school_code = @school)
           AND m.kind = f.kind AND m.person_kind = f.person_kind AND m.person_ref = f.person_ref AND m.field_key = f.field_key
           AND m.side = f.side;

        WITH inserted AS (
            INSERT INTO mismatches (kind, person_kind, person_ref, field_key, side, detail, field, school_code, sms_key, moet_code,
                                    personal_id, sms_value, national_value, provincial_value, national_verified, status,
                                    first_seen_at, last_seen_at, last_run_id)
            SELECT DISTINCT ON (kind, person_kind, person_ref, field_key, side)
                   kind, person_kind, person_ref, field_key, side, detail, field, school_code, sms_key, moet_code,
                   personal_id, sms_value, national_value, provincial_value, national_verified, '{{MismatchStatus.Open}}', @now, @now, @run
              FROM rc_found f
             WHERE (@school IS NULL OR f.school_code = @school)
               AND NOT EXISTS (SELECT 1 FROM mismatches m
                                WHERE m.kind = f.kind AND m.person_kind = f.person_kind AND m.person_ref = f.person_ref
                                  AND m.field_key = f.field_key AND m.side = f.side)
             ORDER BY kind, person_kind, person_ref, field_key, side
            RETURNING id)
        INSERT INTO mismatch_events (mismatch_id, from_status, to_status, actor, reason, run_id, at)
        SELECT id, NULL, '{{MismatchStatus.Open}}', '{{MismatchEvents.System}}', '{{MismatchEvents.Found}}', @run, @now FROM inserted;
        """;

    /// <summary>
    /// The upsert as the scope runs it. A province's found items are hashed against every item; a school or incremental run
    /// finds a few hundred to some ten thousand, and looks each up in the items' key index instead of hashing all of the
    /// province's.
    /// </summary>
    public static string UpsertFor(ReconcileScope scope) =>
        scope.IsProvince ? Upsert : WithSetting("enable_hashjoin", "off", "on", Upsert);

    /// <summary>
    /// Items this run no longer finds are resolved, except in schools whose pulls did not all succeed:
    /// there the absence of a finding proves nothing. An item an earlier reconcile of the same run found (before a failed
    /// batch was re-run) and this one does not is resolved too: its last sighting is older than this reconcile.
    /// </summary>
    public const string Resolve =
        $$"""
        WITH gone AS (
            SELECT m.id, m.status
              FROM mismatches m
             WHERE m.status IN ('{{MismatchStatus.Open}}', '{{MismatchStatus.FixedPending}}') AND (m.last_run_id <> @run OR m.last_seen_at < @now)
               AND (@school IS NULL OR m.school_code = @school)
               {changed}
               AND NOT (m.school_code = ANY (@incomplete))
               {{HeldBack}}),
        resolved AS (
            UPDATE mismatches m SET status = '{{MismatchStatus.Resolved}}', resolved_at = @now
              FROM gone WHERE m.id = gone.id
            RETURNING m.id, gone.status AS from_status)
        INSERT INTO mismatch_events (mismatch_id, from_status, to_status, actor, reason, run_id, at)
        SELECT id, from_status, '{{MismatchStatus.Resolved}}', '{{MismatchEvents.System}}', '{{MismatchEvents.NotFound}}', @run, @now FROM resolved;
        """;

    /// <summary>
    /// Before a school run's upsert: the other schools that items found for this school still belong to (a pupil who changed
    /// school), whose kept open counts the upsert's move changes too. A school's items are few: looked up by key, not hashed.
    /// </summary>
    public static readonly string MovedFrom = WithSetting("enable_hashjoin", "off", "on",
        """
        CREATE {working} TABLE rc_moved_from AS
        SELECT DISTINCT m.school_code
          FROM rc_found f
          JOIN mismatches m ON m.kind = f.kind AND m.person_kind = f.person_kind AND m.person_ref = f.person_ref
                           AND m.field_key = f.field_key AND m.side = f.side
         WHERE f.school_code = @school AND m.school_code <> f.school_code;
        """);

    /// <summary>
    /// The kept open counts (<c>open_item_counts</c>) of the schools this reconcile may have changed, counted again from the
    /// items, in one statement: its one snapshot sees a person's change to an item together with that change's +1/-1 row
    /// (deleted here, its effect counted) or sees neither (the row stays). A province or incremental run recounts every school,
    /// which also folds the people's +1/-1 rows back into one row per school and kind; a school run its own and those it took
    /// items from.
    /// </summary>
    public static string RecountOpenItems(ReconcileScope scope)
    {
        var counted = scope.SchoolCode is null ? "true" : "(school_code = @school OR school_code IN (SELECT school_code FROM rc_moved_from))";
        return $"""
            WITH cleared AS (DELETE FROM open_item_counts WHERE {counted})
            INSERT INTO open_item_counts (school_code, kind, count)
            SELECT school_code, kind, count(*)
              FROM mismatches
             WHERE status = '{MismatchStatus.Open}' AND {counted}
             GROUP BY school_code, kind;
            """;
    }

    /// <summary>
    /// A province run's snapshots summed per commune (the school's commune now; empty when none) and for the whole province, per
    /// person kind, open items by kind included, replacing what an earlier reconcile of the same run wrote. <paramref name="runs"/> picks the snapshots'
    /// runs: this run in a reconcile, every province run still without a roll-up in the migrate step.
    /// </summary>
    public static string CoverageRollup(string runs) =>
        $"""
        DELETE FROM coverage_rollups u WHERE u.run_id IN (SELECT c.run_id FROM coverage_snapshots c WHERE {runs});
        WITH by_commune AS (
            SELECT c.run_id, COALESCE(s.commune_code, '') AS commune_code, c.person_kind, c.taken_at, c.persons, c.with_personal_id,
                   c.verified, c.health_current, c.open_items
              FROM coverage_snapshots c
              LEFT JOIN schools s ON s.code = c.school_code
             WHERE {runs}),
        snap AS (
            SELECT * FROM by_commune
            UNION ALL
            SELECT run_id, '{Data.Entities.CoverageRollup.WholeProvince}', person_kind, taken_at, persons, with_personal_id, verified,
                   health_current, open_items
              FROM by_commune),
        kinds AS (
            SELECT run_id, commune_code, person_kind, jsonb_object_agg(key, n) AS open_items
              FROM (SELECT snap.run_id, snap.commune_code, snap.person_kind, o.key, sum(o.value::int) AS n
                      FROM snap CROSS JOIN LATERAL jsonb_each_text(snap.open_items) o
                     GROUP BY 1, 2, 3, 4) k
             GROUP BY 1, 2, 3)
        INSERT INTO coverage_rollups (run_id, commune_code, person_kind, taken_at, persons, with_personal_id, verified, health_current, open_items)
        SELECT snap.run_id, snap.commune_code, snap.person_kind, max(snap.taken_at), sum(snap.persons)::int, sum(snap.with_personal_id)::int,
               sum(snap.verified)::int, sum(snap.health_current)::int, COALESCE(kinds.open_items, jsonb_build_object())
          FROM snap
          LEFT JOIN kinds USING (run_id, commune_code, person_kind)
         GROUP BY snap.run_id, snap.commune_code, snap.person_kind, kinds.open_items;
        """;

    /// <summary>This run's roll-up, in a province reconcile.</summary>
    public static readonly string RunCoverageRollup = CoverageRollup("c.run_id = @run");

    /// <summary>Every province run's roll-up that is missing, in the migrate step (runs from before roll-ups were kept).</summary>
    public static readonly string MissingCoverageRollups = CoverageRollup(
        "c.run_id IN (SELECT r.id FROM sync_runs r WHERE r.school_code IS NULL AND NOT EXISTS (SELECT 1 FROM coverage_rollups u WHERE u.run_id = r.id))");

    /// <summary>
    /// Coverage per school and person kind as the provincial reports count it, from the records and the items this run left,
    /// so "with an ID" never exceeds "persons" and "verified" never exceeds "with an ID"; and the same per report level
    /// (<see cref="ReportLevels"/>) with the complete records (<see cref="RecordCompleteness"/>), for the reports' figures. A
    /// verified record is counted among the complete ones only. The records' roll-up is a table of its own first: built from a
    /// query, it may be computed by parallel workers, which the INSERT … ON CONFLICT may not.
    /// </summary>
    public static readonly string Coverage =
        $$"""
        CREATE {working} TABLE rc_roll AS
        SELECT x.school_code, x.person_kind, x.level,
               count(*) AS persons,
               count(*) FILTER (WHERE x.valid_id) AS with_personal_id,
               count(*) FILTER (WHERE x.valid_id AND x.verified_pair) AS verified,
               count(*) FILTER (WHERE x.complete) AS complete,
               count(*) FILTER (WHERE x.complete AND x.verified_pair) AS complete_verified,
               count(*) FILTER (WHERE x.health_current) AS health_current
          FROM (SELECT s.school_code, s.person_kind, {{ReportLevels.Sql("s", "sc")}} AS level,
                       s.id_present AND s.id_defect IS NULL AS valid_id,
                       r.n_digits = s.personal_id_digits AND r.n_population = '{{PopulationCheckStatus.Verified}}' AS verified_pair,
                       {{RecordCompleteness.Sql("s")}} AS complete,
                       s.person_kind = '{{WireNames.Student}}' AND r.n_exam IS NOT NULL AND (e.latest IS NULL OR r.n_exam >= e.latest) AS health_current
                  FROM {records} s
                  LEFT JOIN schools sc ON sc.code = s.school_code
                  LEFT JOIN rc_pairs r ON r.person_kind = s.person_kind AND r.sms_key = s.source_key
                  LEFT JOIN rc_health e ON e.student_key = s.source_key
                 WHERE s.source = '{{WireNames.Sms}}' AND s.is_active AND (@school IS NULL OR s.school_code = @school)) x
         GROUP BY 1, 2, 3;

        WITH items AS (
            SELECT school_code, person_kind, jsonb_object_agg(kind, n) AS open_items
              FROM (SELECT school_code, person_kind, kind, count(*) AS n
                      FROM mismatches
                     WHERE status = '{{MismatchStatus.Open}}' AND (@school IS NULL OR school_code = @school)
                     GROUP BY school_code, person_kind, kind) k
             GROUP BY school_code, person_kind),
        roll AS (
            SELECT school_code, person_kind, sum(persons) AS persons, sum(with_personal_id) AS with_personal_id,
                   sum(verified) AS verified, sum(health_current) AS health_current
              FROM rc_roll
             GROUP BY school_code, person_kind)
        INSERT INTO coverage_snapshots (run_id, school_code, person_kind, taken_at, persons, with_personal_id, verified, health_current, open_items)
        SELECT @run, COALESCE(roll.school_code, items.school_code), COALESCE(roll.person_kind, items.person_kind), @now,
               COALESCE(roll.persons, 0), COALESCE(roll.with_personal_id, 0), COALESCE(roll.verified, 0), COALESCE(roll.health_current, 0),
               COALESCE(items.open_items, '{}'::jsonb)
          FROM roll FULL OUTER JOIN items ON items.school_code = roll.school_code AND items.person_kind = roll.person_kind
        ON CONFLICT (run_id, school_code, person_kind) DO UPDATE
           SET taken_at = excluded.taken_at, persons = excluded.persons, with_personal_id = excluded.with_personal_id,
               verified = excluded.verified, health_current = excluded.health_current, open_items = excluded.open_items;

        DELETE FROM level_figures f WHERE f.run_id = @run AND (@school IS NULL OR f.school_code = @school);

        INSERT INTO level_figures (run_id, school_code, person_kind, level, taken_at, persons, with_personal_id, complete, verified, health_synced)
        SELECT @run, school_code, person_kind, level, @now, persons, with_personal_id, complete, complete_verified, health_current
          FROM rc_roll;
        """;

}
