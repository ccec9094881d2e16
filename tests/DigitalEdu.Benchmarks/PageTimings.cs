using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Npgsql;

namespace DigitalEdu.Benchmarks;

/// <summary>
/// The officer's and the operator's pages and the lists behind them, timed as a person or a script meets them after the full run: each page
/// requested with a signed-in browser session (the cookie of a real password sign-in), each list with a bearer token, a few
/// dozen times one after another, after one request to warm it. Prints nothing itself: it returns the table's rows.
/// </summary>
internal static partial class PageTimings
{
    public const string OfficerEmail = "benchmark.officer@localhost";
    public const string OfficerPassword = "benchmark-password-2026";
    public const string OperatorEmail = "benchmark.operator@localhost";

    public static async Task<IReadOnlyList<(string Name, string Value, string Note)>> MeasureAsync(
        Uri baseAddress, string officerToken, string operatorToken, NpgsqlDataSource db, int requests)
    {
        // Real arguments for the pages that take one: the commune and the school with the most open items.
        var (commune, school) = await LargestAsync(db);
        var run = await LatestRunAsync(db);
        using var browser = await SignInAsync(baseAddress, OfficerEmail);
        using var console = await SignInAsync(baseAddress, OperatorEmail);
        using var api = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", officerToken);
        using var operatorApi = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
        operatorApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);

        // One report snapshot frozen on demand, timed: the report pages below read it.
        var freezing = Stopwatch.StartNew();
        using var frozen = await api.PostAsync("/api/v1/reports/snapshots", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        freezing.Stop();
        if (frozen.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Freezing a snapshot answered {(int)frozen.StatusCode}.");
        }

        var snapshot = System.Text.Json.JsonDocument.Parse(await frozen.Content.ReadAsStringAsync()).RootElement;
        var snapshotId = snapshot.GetProperty("id").GetString();
        var cutOff = snapshot.GetProperty("cutOff").GetString();

        var pages = new (string Url, HttpClient Client)[]
        {
            ("/officer", browser),
            ("/officer/communes", browser),
            ("/officer/communes?sort=verified&order=asc", browser),
            ("/officer/schools", browser),
            ("/officer/schools?search=truong%20tieu%20hoc", browser),
            ($"/officer/schools?commune={commune}", browser),
            ($"/schools/{school}", browser),
            ("/officer/items", browser),
            ("/officer/items?p=100", browser),
            ("/officer/items?sort=school&p=50", browser),
            ($"/officer/items?communeCode={commune}&kind=field_mismatch", browser),
            ("/officer/items?daysOpen=0&level=TH&personKind=student", browser),
            ("/officer/trends", browser),
            ($"/officer/trends?communeCode={commune}", browser),
            ($"/officer/trends?schoolCode={school}", browser),
            ("/officer/audit", browser),
            ("/reports", browser),
            ($"/reports/{snapshotId}", browser),
            ($"/reports/{snapshotId}?unit=commune&code={commune}", browser),
            ($"/reports/{snapshotId}?unit=school&code={school}", browser),
            ($"/reports/{snapshotId}/print", browser),
            ("/reports/expected-back", browser),
            ("/api/v1/mismatches?limit=100", api),
            ($"/api/v1/mismatches?limit=100&communeCode={commune}&status=open", api),
            ("/api/v1/mismatches/summary", api),
            ("/api/v1/province/areas?level=schools&sort=openPer100", api),
            ("/api/v1/province/trends", api),
            ("/api/v1/reports/snapshots", api),
            ($"/api/v1/reports/snapshots/{snapshotId}", api),
            ($"/api/v1/reports/snapshots/{snapshotId}/export.xlsx", api),
            ($"/api/v1/reports/figures?cutOff={cutOff}&groupBy=school", api),
            ("/operator", console),
            ("/operator/batches", console),
            ($"/operator/batches?runId={run}", console),
            ($"/operator/runs/{run}", console),
            ("/api/v1/sync-runs", operatorApi),
            ("/api/v1/batches?limit=100", operatorApi),
        };

        var rows = new List<(string, string, string)>
        {
            ("  POST /api/v1/reports/snapshots (freeze)", $"{freezing.Elapsed.TotalMilliseconds:F0} ms", "one request: every school's figures and the open items"),
        };
        foreach (var (url, client) in pages)
        {
            var timings = new List<double>(requests);
            long bytes = 0;
            for (var i = 0; i <= requests; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsByteArrayAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}.");
                }

                if (i > 0)
                {
                    timings.Add(watch.Elapsed.TotalMilliseconds);
                    bytes = body.Length;
                }
            }

            timings.Sort();
            var p95 = Percentile(timings, 0.95);
            rows.Add(($"  {(client == api || client == operatorApi ? "GET " : "page ")}{url.Replace("|", "%7C", StringComparison.Ordinal)}",
                $"p50 {Percentile(timings, 0.50):F0} ms, p95 {p95:F0} ms",
                $"{timings.Count} requests, {bytes / 1024.0:F0} KiB{(p95 > 300 ? "; misses 300 ms at p95" : "")}"));
        }

        return rows;
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static async Task<(string Commune, string School)> LargestAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand(
            """
            SELECT s.commune_code, m.school_code
              FROM mismatches m JOIN schools s ON s.code = m.school_code
             WHERE m.status = 'open' AND s.commune_code IS NOT NULL
             GROUP BY s.commune_code, m.school_code
             ORDER BY count(*) DESC
             LIMIT 1
            """);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetString(1)) : ("-", "00000000");
    }

    private static async Task<Guid> LatestRunAsync(NpgsqlDataSource db)
    {
        await using var command = db.CreateCommand("SELECT id FROM sync_runs ORDER BY requested_at DESC LIMIT 1");
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A browser-like client signed in with a password: the sign-in form's antiforgery token, then the cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress, string email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var form = await client.GetStringAsync("/sign-in");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = OfficerPassword,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("sign-in", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"The benchmark's {email} could not sign in: {(int)response.StatusCode}.");
        }

        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex AntiforgeryField();
}
