namespace DigitalEdu.Sync.Reconcile;

/// <summary>
/// The reconcile as set-based SQL over the stored records, in the order of README.md beside this file:
/// duplicate groups and held records, SMS–national pairs, findings, then the upsert into the stable mismatch items.
/// Every statement runs in one transaction; the working tables are temporary and dropped at commit.
/// </summary>
internal static class ReconcileSql
{
    /// <summary>Placeholder for the records the statements read: the whole table, or a school run's working set.</summary>
    public const string RecordsPlaceholder = "{records}";

    /// <summary>
    /// Settings for the reconcile transaction. The sorts and hashes over a province's records fit in memory with room to
    /// spare (the default 4 MB spills them to disk), and JIT compiling these one-off statements costs more than it saves.
    /// Merge joins are off because every join here is an equality on keys: a merge join sorts them with the database's
    /// locale-aware comparison, several times slower than hashing them.
    /// </summary>
    public const string Settings =
        """
        SET LOCAL work_mem = '256MB';
        SET LOCAL jit = off;
        SET LOCAL enable_mergejoin = off;
        """;

    /// <summary>
    /// A full run just rewrote pages: without fresh statistics the planner may pick nested loops over the whole province.
    /// Only the columns the reconcile filters and joins on, from a small sample: enough to see how the sources and kinds split,
    /// at a few percent of the cost of a full ANALYZE. Autovacuum later brings the full statistics back.
    /// </summary>
    public const string ProvinceStatistics =
        """
        SET LOCAL default_statistics_target = 10;
        ANALYZE person_records (source, person_kind, source_key, school_code, moet_code, personal_id_digits, is_active);
        ANALYZE health_exams (student_key);
        RESET default_statistics_target;
        """;

    /// <summary>
    /// A school run's working set: the school's SMS and national records, and everything linked to them through equal personal
    /// ID digits or MOET code, followed until nothing new turns up. Duplicate groups, held records, both pairing steps and their
    /// preferences only ever compare records that share digits or a code, so such a connected set reconciles exactly as it would
    /// within the province: a pupil who moved in or out, a duplicate at another school, a national record still at the old school,
    /// and whatever competes with them for a pair are all in it. Every item of the school concerns one of its SMS records, a
    /// national record paired with one, or an unpaired national record of the school, so it comes from this set.
    /// Provincial records and health exams are looked up per SMS record and need not be copied.
    /// </summary>
    public const string SchoolScope =
        """
        CREATE TEMP TABLE rc_records ON COMMIT DROP AS
        WITH RECURSIVE linked (source, person_kind, source_key, digits, moet_code) AS (
            SELECT p.source, p.person_kind, p.source_key, p.personal_id_digits, p.moet_code
              FROM person_records p
             WHERE p.source IN ('sms', 'national') AND p.school_code = @school
            UNION
            SELECT o.source, o.person_kind, o.source_key, o.digits, o.moet_code
              FROM linked l
             CROSS JOIN LATERAL (
                    SELECT p.source, p.person_kind, p.source_key, p.personal_id_digits AS digits, p.moet_code
                      FROM person_records p
                     WHERE p.source IN ('sms', 'national') AND p.person_kind = l.person_kind AND p.personal_id_digits = l.digits
                    UNION ALL
                    SELECT p.source, p.person_kind, p.source_key, p.personal_id_digits, p.moet_code
                      FROM person_records p
                     WHERE p.source IN ('sms', 'national') AND p.person_kind = l.person_kind AND p.moet_code = l.moet_code) o)
        SELECT p.*
          FROM (SELECT DISTINCT source, person_kind, source_key FROM linked) k
          JOIN person_records p ON p.source = k.source AND p.person_kind = k.person_kind AND p.source_key = k.source_key;

        ANALYZE rc_records;
        """;

    public const string DuplicatesAndHeld =
        """
        CREATE TEMP TABLE rc_dup ON COMMIT DROP AS
        SELECT source, person_kind, personal_id_digits AS digits
          FROM {records}
         WHERE source IN ('sms', 'national') AND is_active AND personal_id_digits IS NOT NULL
         GROUP BY source, person_kind, personal_id_digits
        HAVING count(*) > 1;

        CREATE TEMP TABLE rc_held ON COMMIT DROP AS
        SELECT p.source, p.person_kind, p.source_key, p.moet_code, true AS is_member
          FROM {records} p
          JOIN rc_dup d ON d.source = p.source AND d.person_kind = p.person_kind AND d.digits = p.personal_id_digits
         WHERE p.is_active;

        -- The other side's records that would match a group: by the group's digits, or by a member's MOET code.
        -- Two joins rather than one OR, so each can use its index on person_records.
        INSERT INTO rc_held
        SELECT DISTINCT o.source, o.person_kind, o.source_key, o.moet_code, false
          FROM (SELECT o.source, o.person_kind, o.source_key, o.moet_code
                  FROM rc_dup d
                  JOIN {records} o ON o.source IN ('sms', 'national') AND o.source <> d.source
                                       AND o.person_kind = d.person_kind AND o.personal_id_digits = d.digits
                UNION
                SELECT o.source, o.person_kind, o.source_key, o.moet_code
                  FROM rc_held h
                  JOIN {records} o ON o.source IN ('sms', 'national') AND o.source <> h.source
                                       AND o.person_kind = h.person_kind AND o.moet_code = h.moet_code
                 WHERE h.is_member) o
         WHERE NOT EXISTS (SELECT 1 FROM rc_held m WHERE m.source = o.source AND m.person_kind = o.person_kind AND m.source_key = o.source_key);

        ANALYZE rc_held;
        """;

    /// <summary>
    /// The pairs, by personal ID and then by MOET code. The one-record-per-key choices sort on the binary collation: only
    /// equality of the keys matters, and the locale's string comparison made these sorts the slowest part of pairing.
    /// </summary>
    public const string Pairs =
        """
        CREATE TEMP TABLE rc_pairs (person_kind text NOT NULL, sms_key text NOT NULL, nat_key text NOT NULL, matched_by text NOT NULL) ON COMMIT DROP;

        WITH s AS (
            SELECT DISTINCT ON (p.person_kind COLLATE "C", p.personal_id_digits COLLATE "C") p.person_kind, p.personal_id_digits, p.source_key
              FROM {records} p
             WHERE p.source = 'sms' AND p.personal_id_digits IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = 'sms' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
             ORDER BY p.person_kind COLLATE "C", p.personal_id_digits COLLATE "C", p.is_active DESC, p.updated_at DESC, p.source_key COLLATE "C"),
        n AS (
            SELECT DISTINCT ON (p.person_kind COLLATE "C", p.personal_id_digits COLLATE "C") p.person_kind, p.personal_id_digits, p.source_key
              FROM {records} p
             WHERE p.source = 'national' AND p.personal_id_digits IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = 'national' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
             ORDER BY p.person_kind COLLATE "C", p.personal_id_digits COLLATE "C", p.is_active DESC, p.updated_at DESC, p.source_key COLLATE "C")
        INSERT INTO rc_pairs
        SELECT s.person_kind, s.source_key, n.source_key, 'personal_id'
          FROM s JOIN n ON n.person_kind = s.person_kind AND n.personal_id_digits = s.personal_id_digits;

        ANALYZE rc_pairs;

        WITH s AS (
            SELECT DISTINCT ON (p.person_kind COLLATE "C", p.moet_code COLLATE "C") p.person_kind, p.moet_code, p.source_key
              FROM {records} p
             WHERE p.source = 'sms' AND p.moet_code IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = 'sms' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
               AND NOT EXISTS (SELECT 1 FROM rc_pairs r WHERE r.person_kind = p.person_kind AND r.sms_key = p.source_key)
             ORDER BY p.person_kind COLLATE "C", p.moet_code COLLATE "C", p.is_active DESC, p.updated_at DESC, p.source_key COLLATE "C"),
        n AS (
            SELECT DISTINCT ON (p.person_kind COLLATE "C", p.moet_code COLLATE "C") p.person_kind, p.moet_code, p.source_key
              FROM {records} p
             WHERE p.source = 'national' AND p.moet_code IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = 'national' AND h.person_kind = p.person_kind AND h.source_key = p.source_key)
               AND NOT EXISTS (SELECT 1 FROM rc_pairs r WHERE r.person_kind = p.person_kind AND r.nat_key = p.source_key)
             ORDER BY p.person_kind COLLATE "C", p.moet_code COLLATE "C", p.is_active DESC, p.updated_at DESC, p.source_key COLLATE "C")
        INSERT INTO rc_pairs
        SELECT s.person_kind, s.source_key, n.source_key, 'moet_code'
          FROM s JOIN n ON n.person_kind = s.person_kind AND n.moet_code = s.moet_code;

        ANALYZE rc_pairs;

        -- Each SMS pupil's latest exam, once for both the health items and the coverage.
        CREATE TEMP TABLE rc_health ON COMMIT DROP AS
        SELECT h.student_key, max(h.exam_date) AS latest
          FROM health_exams h
         WHERE h.student_key IN (SELECT s.source_key FROM {records} s WHERE s.source = 'sms' AND s.person_kind = 'student')
         GROUP BY h.student_key;

        ANALYZE rc_health;
        """;

    public const string Findings =
        """
        CREATE TEMP TABLE rc_found (
            kind text NOT NULL, person_kind text NOT NULL, person_ref text NOT NULL, field_key text NOT NULL, side text NOT NULL,
            detail text, field text, school_code text NOT NULL, sms_key text, moet_code text, personal_id text,
            sms_value text, national_value text, provincial_value text, national_verified boolean NOT NULL DEFAULT false) ON COMMIT DROP;

        -- SMS side: id_missing, id_invalid.
        INSERT INTO rc_found
        SELECT CASE WHEN s.id_present THEN 'id_invalid' ELSE 'id_missing' END, s.person_kind, 'sms:' || s.source_key, '', 'sms',
               CASE WHEN s.id_present THEN s.id_defect ELSE 'sms' END, NULL, s.school_code, s.source_key, s.moet_code,
               s.personal_id_raw, s.personal_id_raw, NULL, NULL
          FROM {records} s
         WHERE s.source = 'sms' AND s.is_active AND (NOT s.id_present OR s.id_defect IS NOT NULL);

        -- National side, each active record with its SMS partner when it has one.
        INSERT INTO rc_found
        SELECT k.kind, n.person_kind, COALESCE('sms:' || n.pair_sms_key, 'national:' || n.source_key), '', 'national',
               k.detail, NULL, COALESCE(n.pair_sms_school, n.school_code), n.pair_sms_key,
               COALESCE(n.pair_sms_moet, n.moet_code, n.source_key), n.personal_id_raw, NULL, k.national_value, NULL
          FROM (SELECT n.person_kind, n.source_key, n.school_code, n.moet_code, n.personal_id_raw, n.personal_id_digits, n.id_present,
                       n.id_defect, n.population_status, n.disputed_fields,
                       r.sms_key AS pair_sms_key, s.moet_code AS pair_sms_moet, s.school_code AS pair_sms_school,
                       (h.source_key IS NOT NULL) AS held, (h.is_member IS TRUE) AS dup_member
                  FROM {records} n
                  LEFT JOIN rc_pairs r ON r.person_kind = n.person_kind AND r.nat_key = n.source_key
                  LEFT JOIN {records} s ON s.source = 'sms' AND s.person_kind = r.person_kind AND s.source_key = r.sms_key
                  LEFT JOIN rc_held h ON h.source = 'national' AND h.person_kind = n.person_kind AND h.source_key = n.source_key
                 WHERE n.source = 'national' AND n.is_active) n
          CROSS JOIN LATERAL (VALUES
              ('id_missing', 'national', NULL::text, NOT n.id_present),
              ('id_invalid', n.id_defect, n.personal_id_raw, n.id_present AND n.id_defect IS NOT NULL),
              ('id_unverified', COALESCE(n.population_status, 'CHUA_XAC_THUC'), array_to_string(n.disputed_fields, ', '),
                  n.id_present AND n.id_defect IS NULL AND COALESCE(n.population_status, 'CHUA_XAC_THUC') <> 'DA_XAC_THUC'),
              ('id_duplicate', NULL, n.personal_id_digits, n.dup_member),
              ('missing_in_sms', NULL, NULL, NOT n.held AND n.pair_sms_key IS NULL)
          ) AS k(kind, detail, national_value, applies)
         WHERE k.applies;

        -- SMS duplicates and SMS records nobody on the national side matched.
        INSERT INTO rc_found
        SELECT CASE WHEN h.is_member THEN 'id_duplicate' ELSE 'missing_in_national' END, s.person_kind, 'sms:' || s.source_key, '',
               'sms', NULL, NULL, s.school_code, s.source_key, s.moet_code, COALESCE(s.personal_id_digits, s.personal_id_raw),
               CASE WHEN h.is_member THEN s.personal_id_digits END, NULL, NULL
          FROM {records} s
          LEFT JOIN rc_held h ON h.source = 'sms' AND h.person_kind = s.person_kind AND h.source_key = s.source_key
         WHERE s.source = 'sms' AND s.is_active
           AND (h.is_member IS TRUE
             OR (h.source_key IS NULL AND NOT EXISTS (SELECT 1 FROM rc_pairs r WHERE r.person_kind = s.person_kind AND r.sms_key = s.source_key)));

        -- Pairs: one item per differing field. Most pairs agree on every field, so they are ruled out with one row comparison
        -- (a superset of the per-field test: personalId counts there whatever the validity) before any field is unnested.
        INSERT INTO rc_found
        SELECT 'field_mismatch', r.person_kind, 'sms:' || s.source_key, f.field, '', f.field, f.field, s.school_code, s.source_key,
               COALESCE(s.moet_code, n.moet_code, n.source_key), COALESCE(s.personal_id_digits, s.personal_id_raw),
               f.sms_value, f.national_value, NULL, n.population_status IS NOT DISTINCT FROM 'DA_XAC_THUC'
          FROM rc_pairs r
          JOIN {records} s ON s.source = 'sms' AND s.person_kind = r.person_kind AND s.source_key = r.sms_key
          JOIN {records} n ON n.source = 'national' AND n.person_kind = r.person_kind AND n.source_key = r.nat_key
          CROSS JOIN LATERAL (VALUES
              ('fullName', s.full_name, n.full_name, s.full_name_key, n.full_name_key, true),
              ('dateOfBirth', s.date_of_birth::text, n.date_of_birth::text, s.date_of_birth::text, n.date_of_birth::text, true),
              ('gender', s.gender, n.gender, s.gender, n.gender, true),
              ('schoolCode', s.school_code, n.school_code, s.school_code, n.school_code, true),
              ('status', s.status, n.status, s.status, n.status, true),
              ('personalId', s.personal_id_digits, n.personal_id_digits, s.personal_id_digits, n.personal_id_digits,
                  s.id_present AND s.id_defect IS NULL AND n.id_present AND n.id_defect IS NULL),
              ('fatherName', s.father_name, n.father_name, s.father_name_key, n.father_name_key, r.person_kind = 'student'),
              ('motherName', s.mother_name, n.mother_name, s.mother_name_key, n.mother_name_key, r.person_kind = 'student'),
              ('ethnicityCode', s.ethnicity_code, n.ethnicity_code, s.ethnicity_code, n.ethnicity_code, r.person_kind = 'student'),
              ('grade', s.grade::text, n.grade::text, s.grade::text, n.grade::text, r.person_kind = 'student'),
              ('className', s.class_name, n.class_name, upper(s.class_name), upper(n.class_name), r.person_kind = 'student')
          ) AS f(field, sms_value, national_value, sms_cmp, national_cmp, applies)
         WHERE (s.is_active OR n.is_active)
           AND (s.full_name_key, s.date_of_birth, s.gender, s.school_code, s.status, s.personal_id_digits, s.father_name_key,
                s.mother_name_key, s.ethnicity_code, s.grade, s.class_name)
               IS DISTINCT FROM
               (n.full_name_key, n.date_of_birth, n.gender, n.school_code, n.status, n.personal_id_digits, n.father_name_key,
                n.mother_name_key, n.ethnicity_code, n.grade, n.class_name)
           AND f.applies AND f.sms_cmp IS DISTINCT FROM f.national_cmp;

        -- Health: the SMS is the only source of exams; the national copy must hold the latest one.
        INSERT INTO rc_found
        SELECT 'health_not_synced', 'student', 'sms:' || s.source_key, '', '', NULL, NULL, s.school_code, s.source_key,
               COALESCE(s.moet_code, n.moet_code, n.source_key), COALESCE(s.personal_id_digits, s.personal_id_raw),
               e.latest::text, n.health_exam_date::text, NULL
          FROM rc_pairs r
          JOIN rc_health e ON e.student_key = r.sms_key
          JOIN {records} s ON s.source = 'sms' AND s.person_kind = r.person_kind AND s.source_key = r.sms_key
          JOIN {records} n ON n.source = 'national' AND n.person_kind = r.person_kind AND n.source_key = r.nat_key
         WHERE r.person_kind = 'student' AND s.status = 'studying'
           AND (n.health_exam_date IS NULL OR n.health_exam_date < e.latest);

        -- Provincial copy: keyed by the MOET code, it must hold every active SMS record as the SMS has it. Personal IDs compare
        -- cleaned; equal raw text is equal cleaned text, so the regular expression runs only where the raw text differs.
        INSERT INTO rc_found
        SELECT 'provincial_stale', s.person_kind, 'sms:' || s.source_key, '', 'provincial',
               CASE WHEN p.source_key IS NULL THEN 'missing' ELSE 'outdated' END, NULL, s.school_code, s.source_key, s.moet_code,
               COALESCE(s.personal_id_digits, s.personal_id_raw), NULL, NULL,
               CASE WHEN p.source_key IS NOT NULL THEN array_to_string(ARRAY[
                   CASE WHEN s.full_name_key IS DISTINCT FROM p.full_name_key THEN 'fullName' END,
                   CASE WHEN s.date_of_birth IS DISTINCT FROM p.date_of_birth THEN 'dateOfBirth' END,
                   CASE WHEN s.gender IS DISTINCT FROM p.gender THEN 'gender' END,
                   CASE WHEN s.school_code IS DISTINCT FROM p.school_code THEN 'schoolCode' END,
                   CASE WHEN s.status IS DISTINCT FROM p.status THEN 'status' END,
                   CASE WHEN s.personal_id_raw IS DISTINCT FROM p.personal_id_raw
                         AND regexp_replace(s.personal_id_raw, '[\s.\-]', '', 'g') IS DISTINCT FROM regexp_replace(p.personal_id_raw, '[\s.\-]', '', 'g') THEN 'personalId' END,
                   CASE WHEN s.father_name_key IS DISTINCT FROM p.father_name_key THEN 'fatherName' END,
                   CASE WHEN s.mother_name_key IS DISTINCT FROM p.mother_name_key THEN 'motherName' END,
                   CASE WHEN s.ethnicity_code IS DISTINCT FROM p.ethnicity_code THEN 'ethnicityCode' END,
                   CASE WHEN s.grade IS DISTINCT FROM p.grade THEN 'grade' END,
                   CASE WHEN upper(s.class_name) IS DISTINCT FROM upper(p.class_name) THEN 'className' END], ', ') END
          FROM {records} s
          LEFT JOIN person_records p ON p.source = 'provincial' AND p.person_kind = s.person_kind AND p.source_key = s.moet_code
         WHERE s.source = 'sms' AND s.is_active AND s.moet_code IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM rc_held h WHERE h.source = 'sms' AND h.person_kind = s.person_kind AND h.source_key = s.source_key)
           AND (p.source_key IS NULL
             OR (s.full_name_key, s.date_of_birth, s.gender, s.school_code, s.status, s.father_name_key, s.mother_name_key,
                 s.ethnicity_code, s.grade, upper(s.class_name))
                IS DISTINCT FROM
                (p.full_name_key, p.date_of_birth, p.gender, p.school_code, p.status, p.father_name_key, p.mother_name_key,
                 p.ethnicity_code, p.grade, upper(p.class_name))
             OR (s.personal_id_raw IS DISTINCT FROM p.personal_id_raw
                 AND regexp_replace(s.personal_id_raw, '[\s.\-]', '', 'g') IS DISTINCT FROM regexp_replace(p.personal_id_raw, '[\s.\-]', '', 'g')));

        CREATE INDEX ON rc_found (kind, person_kind, person_ref, field_key, side);
        ANALYZE rc_found;
        """;

    /// <summary>Found again after being resolved or marked fixed: the school's fix did not reach the data, so it is open again.</summary>
    public const string Reopen =
        """
        WITH prior AS (
            SELECT m.id, m.status
              FROM mismatches m
              JOIN rc_found f ON f.kind = m.kind AND f.person_kind = m.person_kind AND f.person_ref = m.person_ref
                             AND f.field_key = m.field_key AND f.side = m.side
             WHERE m.status IN ('resolved', 'fixed_pending') AND (@school IS NULL OR f.school_code = @school)),
        reopened AS (
            UPDATE mismatches m SET status = 'open', resolved_at = NULL
              FROM prior WHERE m.id = prior.id
            RETURNING m.id, prior.status AS from_status)
        INSERT INTO mismatch_events (mismatch_id, from_status, to_status, actor, reason, run_id, at)
        SELECT id, from_status, 'open', 'system', 'found_again', @run, @now FROM reopened;
        """;

    public const string Upsert =
        """
        WITH upserted AS (
            INSERT INTO mismatches (kind, person_kind, person_ref, field_key, side, detail, field, school_code, sms_key, moet_code,
                                    personal_id, sms_value, national_value, provincial_value, national_verified, status,
                                    first_seen_at, last_seen_at, last_run_id)
            SELECT DISTINCT ON (kind, person_kind, person_ref, field_key, side)
                   kind, person_kind, person_ref, field_key, side, detail, field, school_code, sms_key, moet_code,
                   personal_id, sms_value, national_value, provincial_value, national_verified, 'open', @now, @now, @run
              FROM rc_found
             WHERE @school IS NULL OR school_code = @school
             ORDER BY kind, person_kind, person_ref, field_key, side
            ON CONFLICT (kind, person_kind, person_ref, field_key, side) DO UPDATE
               SET detail = excluded.detail, field = excluded.field, school_code = excluded.school_code, sms_key = excluded.sms_key,
                   moet_code = excluded.moet_code, personal_id = excluded.personal_id, sms_value = excluded.sms_value,
                   national_value = excluded.national_value, provincial_value = excluded.provincial_value,
                   national_verified = excluded.national_verified,
                   last_seen_at = excluded.last_seen_at, last_run_id = excluded.last_run_id
            RETURNING id, (xmax = 0) AS inserted)
        INSERT INTO mismatch_events (mismatch_id, from_status, to_status, actor, reason, run_id, at)
        SELECT id, NULL, 'open', 'system', 'found', @run, @now FROM upserted WHERE inserted;
        """;

    /// <summary>
    /// Items this run no longer finds are resolved, except in schools whose pulls did not all succeed:
    /// there the absence of a finding proves nothing. An item an earlier reconcile of the same run found (before a failed
    /// batch was re-run) and this one does not is resolved too: its last sighting is older than this reconcile.
    /// </summary>
    public const string Resolve =
        """
        WITH gone AS (
            SELECT m.id, m.status
              FROM mismatches m
             WHERE m.status IN ('open', 'fixed_pending') AND (m.last_run_id <> @run OR m.last_seen_at < @now)
               AND (@school IS NULL OR m.school_code = @school)
               AND NOT (m.school_code = ANY (@incomplete))),
        resolved AS (
            UPDATE mismatches m SET status = 'resolved', resolved_at = @now
              FROM gone WHERE m.id = gone.id
            RETURNING m.id, gone.status AS from_status)
        INSERT INTO mismatch_events (mismatch_id, from_status, to_status, actor, reason, run_id, at)
        SELECT id, from_status, 'resolved', 'system', 'not_found', @run, @now FROM resolved;
        """;

    /// <summary>
    /// Coverage per school and person kind as the provincial reports count it, from the records and the items this run left,
    /// so "with an ID" never exceeds "persons" and "verified" never exceeds "with an ID".
    /// </summary>
    public const string Coverage =
        """
        WITH roll AS (
            SELECT s.school_code, s.person_kind,
                   count(*) AS persons,
                   count(*) FILTER (WHERE s.id_present AND s.id_defect IS NULL) AS with_personal_id,
                   count(*) FILTER (WHERE s.id_present AND s.id_defect IS NULL AND n.personal_id_digits = s.personal_id_digits
                                      AND n.population_status = 'DA_XAC_THUC') AS verified,
                   count(*) FILTER (WHERE s.person_kind = 'student' AND n.health_exam_date IS NOT NULL
                                      AND (e.latest IS NULL OR n.health_exam_date >= e.latest)) AS health_current
              FROM {records} s
              LEFT JOIN rc_pairs r ON r.person_kind = s.person_kind AND r.sms_key = s.source_key
              LEFT JOIN {records} n ON n.source = 'national' AND n.person_kind = r.person_kind AND n.source_key = r.nat_key
              LEFT JOIN rc_health e ON e.student_key = s.source_key
             WHERE s.source = 'sms' AND s.is_active AND (@school IS NULL OR s.school_code = @school)
             GROUP BY s.school_code, s.person_kind),
        items AS (
            SELECT school_code, person_kind, jsonb_object_agg(kind, n) AS open_items
              FROM (SELECT school_code, person_kind, kind, count(*) AS n
                      FROM mismatches
                     WHERE status = 'open' AND (@school IS NULL OR school_code = @school)
                     GROUP BY school_code, person_kind, kind) k
             GROUP BY school_code, person_kind)
        INSERT INTO coverage_snapshots (run_id, school_code, person_kind, taken_at, persons, with_personal_id, verified, health_current, open_items)
        SELECT @run, COALESCE(roll.school_code, items.school_code), COALESCE(roll.person_kind, items.person_kind), @now,
               COALESCE(roll.persons, 0), COALESCE(roll.with_personal_id, 0), COALESCE(roll.verified, 0), COALESCE(roll.health_current, 0),
               COALESCE(items.open_items, '{}'::jsonb)
          FROM roll FULL OUTER JOIN items ON items.school_code = roll.school_code AND items.person_kind = roll.person_kind
        ON CONFLICT (run_id, school_code, person_kind) DO UPDATE
           SET taken_at = excluded.taken_at, persons = excluded.persons, with_personal_id = excluded.with_personal_id,
               verified = excluded.verified, health_current = excluded.health_current, open_items = excluded.open_items;
        """;
}
