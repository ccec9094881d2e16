using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Domain.Reporting;
using DigitalEdu.Simulators;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using MiniExcelLibs;

namespace DigitalEdu.Tests.Reports;

/// <summary>
/// The province's report exported as xlsx, then the hand-typed samples in samples/reports checked against the same snapshot:
/// each planted contradiction found in its cell and nothing else; the untouched export and the correct sample clean; a file
/// that is not the layout a 400 naming the file and what is wrong.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ReportCheckerTests : FreshProvinceTests
{
    protected override SimulatorOptions Data => new() { VendorVariation = false };

    [Fact]
    public async Task The_checker_finds_each_planted_contradiction_in_its_cell_and_nothing_else()
    {
        var operatorClient = await App.CreateClientAsync("operator");
        var officer = await App.CreateClientAsync("officer");
        Assert.Equal("succeeded", (await DigitalEduApp.RunSyncAsync(operatorClient)).Status);
        var snapshot = (await (await officer.PostAsJsonAsync("/api/v1/reports/snapshots", new { })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reports/snapshots/{snapshot}");

        var export = await officer.GetAsync($"/api/v1/reports/snapshots/{snapshot}/export.xlsx");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();

        // The layout: title, unit, cut-off, header, and a total row in the reports' number formats.
        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("BÁO CÁO SỐ LIỆU CƠ SỞ DỮ LIỆU NGÀNH GIÁO DỤC", rows[0]["A"]);
        var cutOff = DateOnly.Parse(detail.GetProperty("snapshot").GetProperty("cutOff").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"Số liệu tính đến ngày {cutOff:dd/MM/yyyy}", rows[2]["A"]);
        Assert.Equal(["STT", "Mã đơn vị", "Đơn vị", "Cấp học", "Đối tượng", "Tổng số"], rows[4].Values.Take(6).Select(v => v?.ToString()));
        var total = rows.Single(r => Equals(r["C"], "Tổng cộng"));
        var persons = detail.GetProperty("report").GetProperty("total").GetProperty("persons").GetInt32();
        var withId = detail.GetProperty("report").GetProperty("total").GetProperty("withPersonalId").GetInt32();
        Assert.Equal(ReportNumbers.Count(persons), total["F"]);
        Assert.Matches(@"^\d{1,3}(\.\d{3})+$", total["F"]!.ToString());
        Assert.Equal(ReportNumbers.Percent(withId, persons), total["H"]);
        Assert.Matches(@"^\d{1,3},\d{2}%$", total["H"]!.ToString());
        Assert.Contains(rows, r => Equals(r["C"], "Người lập biểu") && Equals(r["L"], "Thủ trưởng đơn vị"));

        // The export itself, checked as if typed by hand: nothing to report.
        var clean = await CheckAsync(officer, bytes, "export.xlsx", snapshot);
        Assert.Empty(clean.GetProperty("problems").EnumerateArray());
        Assert.True(clean.GetProperty("rows").GetInt32() > 10);

        if (Environment.GetEnvironmentVariable("DIGITALEDU_WRITE_SAMPLES") == "1")
        {
            HandTypedReports.Write(bytes);
        }

        var samples = HandTypedReports.ReadManifest();
        Assert.Equal(7, samples.Count);
        foreach (var sample in samples)
        {
            var result = await CheckAsync(officer, await File.ReadAllBytesAsync(Path.Combine(HandTypedReports.Folder, sample.File)), sample.File, snapshot);
            var found = result.GetProperty("problems").EnumerateArray()
                .Select(p => new SampleProblem(p.GetProperty("kind").GetString()!, p.GetProperty("cell").GetString()!)).ToList();
            Assert.True(sample.Expected.OrderBy(p => p.Cell).ThenBy(p => p.Kind).SequenceEqual(found.OrderBy(p => p.Cell).ThenBy(p => p.Kind)),
                $"{sample.File} ({sample.Contradiction}): found {string.Join(", ", found)}; expected {string.Join(", ", sample.Expected)}");
            Assert.All(result.GetProperty("problems").EnumerateArray(), p => Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("message").GetString())));
        }

        // A file that is not the layout: a 400 naming the file and what is missing; nothing is kept of it.
        using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(HandTypedReports.Folder, "khong-dung-mau.xlsx"))), "file", "x.xlsx" } };
        var refused = await officer.PostAsync("/api/v1/reports/check", form);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Tổng số", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        using var empty = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsync("/api/v1/reports/check", empty)).StatusCode);

        // Freezing, the export and each check are in the audit log; the file's contents are not.
        var audited = await SqlRows.ReadAsync(App.ConnectionString, "SELECT action, detail FROM audit_log WHERE action IN ('freeze_snapshot', 'export_report', 'check_report')",
            r => (Action: r.GetString(0), Reason: r.IsDBNull(1) ? "" : r.GetString(1)));
        Assert.Single(audited, a => a.Action == "freeze_snapshot");
        Assert.Single(audited, a => a.Action == "export_report");
        Assert.Equal(samples.Count + 2, audited.Count(a => a.Action == "check_report"));
        Assert.Contains(audited, a => a.Action == "check_report" && a.Reason.StartsWith("refused", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, byte[] file, string name, Guid snapshot)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name }, { new StringContent(snapshot.ToString()), "snapshotId" } };
        var response = await client.PostAsync("/api/v1/reports/check", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }
}
