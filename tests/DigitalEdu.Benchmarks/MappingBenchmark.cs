using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Connectors.Clients;
using DigitalEdu.Connectors.Mapping;
using DigitalEdu.Data;
using DigitalEdu.Domain.Model;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Simulators;
using DigitalEdu.Sync;
using DigitalEdu.Sync.Staging;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DigitalEdu.Benchmarks;

/// <summary>
/// The service's CPU per record on the pull path, phase by phase, on one thread: reading a page's JSON, mapping and validating
/// its items, and staging them by binary COPY. Pages are fetched from the simulators once, then replayed, so neither the
/// simulators nor HTTP are in the figures. Prints microseconds of this process's CPU per record.
/// </summary>
internal static class MappingBenchmark
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(int persons, int repetitions)
    {
        var schools = Math.Max(2, persons / 333);
        Console.WriteLine($"Pull path CPU per record: {persons:N0} persons, {schools} schools, {repetitions} passes");
        await using var simulators = await SimulatorHost.StartAsync(
            new SimulatorOptions { Persons = persons, Schools = schools, VendorVariation = false }.WithFreePorts(), CancellationToken.None);
        var pages = await FetchAllPagesAsync(simulators);
        var records = pages.Sum(p => p.Items);
        Console.WriteLine($"  {pages.Count:N0} pages, {records:N0} records, {pages.Sum(p => (long)p.Json.Length) / 1024 / 1024} MiB of JSON");

        var time = TimeProvider.System;
        var personValidator = new PersonRecordValidator(time);
        var sms = new SmsRecordMapper(personValidator, new HealthExamRecordValidator(time));
        var provincial = new ProvincialRecordMapper(personValidator);
        var national = new NationalRecordMapper(personValidator);

        var cluster = await PostgresCluster.GetAsync();
        var connectionString = await cluster.CreateDatabaseAsync("mapping");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var db = new DigitalEduDbContext(new DbContextOptionsBuilder<DigitalEduDbContext>().UseDigitalEduDatabase(connectionString).Options))
        {
            await DatabaseMigrator.MigrateAsync(db, dataSource, CancellationToken.None);
        }

        var runId = Guid.CreateVersion7();
        await StagingTables.CreateAsync(dataSource, runId, CancellationToken.None);
        await using var connection = await dataSource.OpenConnectionAsync();
        var writer = new PageWriter();

        // Warm up every path once so the figures are of optimised code.
        var parsed = pages.Select(p => (p, JsonSerializer.Deserialize<UpstreamPage>(p.Json, Web)!)).ToList();
        var mapped = parsed.Select(x => Map(x.p, x.Item2, sms, provincial, national)).ToList();
        foreach (var (page, result) in pages.Zip(mapped))
        {
            await writer.CommitPagesAsync(connection, [new PageCommit(runId, 0, 0, page.Dataset, page.School, result)], CancellationToken.None);
        }

        var total = (long)records * repetitions;
        var deserialize = Measure(() =>
        {
            for (var i = 0; i < repetitions; i++)
            {
                foreach (var page in pages)
                {
                    // As the page reader does once a page is mapped, so its buffers go back to the pool.
                    JsonSerializer.Deserialize<UpstreamPage>(page.Json, Web)!.Dispose();
                }
            }
        });
        var map = Measure(() =>
        {
            for (var i = 0; i < repetitions; i++)
            {
                foreach (var (page, upstream) in parsed)
                {
                    Map(page, upstream, sms, provincial, national);
                }
            }
        });
        var allPersons = mapped.SelectMany(m => m.Persons).ToList();
        var validate = Measure(() =>
        {
            for (var i = 0; i < repetitions; i++)
            {
                foreach (var person in allPersons)
                {
                    personValidator.Validate(person);
                }
            }
        });
        var derive = Measure(() =>
        {
            for (var i = 0; i < repetitions; i++)
            {
                foreach (var person in allPersons)
                {
                    person.ToStored(runId, DateTimeOffset.UtcNow);
                }
            }
        });
        var stage = await MeasureAsync(async () =>
        {
            for (var i = 0; i < repetitions; i++)
            {
                foreach (var (page, result) in pages.Zip(mapped))
                {
                    await writer.CommitPagesAsync(connection, [new PageCommit(runId, 0, 0, page.Dataset, page.School, result)], CancellationToken.None);
                }
            }
        });

        Console.WriteLine();
        Console.WriteLine("| phase | µs CPU per record |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| read page JSON (System.Text.Json, items as JsonElement) | {PerRecord(deserialize, total):F2} |");
        Console.WriteLine($"| map and validate | {PerRecord(map, total):F2} |");
        Console.WriteLine($"| of which validation alone (persons) | {PerRecord(validate, (long)allPersons.Count * repetitions):F2} |");
        Console.WriteLine($"| stage (derive stored row, binary COPY, checkpoint) | {PerRecord(stage, total):F2} |");
        Console.WriteLine($"| of which deriving the stored row alone (persons) | {PerRecord(derive, (long)allPersons.Count * repetitions):F2} |");
        Console.WriteLine($"| all three | {PerRecord(deserialize + map + stage, total):F2} |");
        return 0;
    }

    private static PageResult Map(FetchedPage page, UpstreamPage upstream, SmsRecordMapper sms, ProvincialRecordMapper provincial, NationalRecordMapper national)
    {
        var items = upstream.Items!;
        if (page.Dataset == Dataset.SmsHealthExams)
        {
            var exams = new List<HealthExamRecord>(items.Count);
            foreach (var item in items)
            {
                if (sms.MapHealthExam(item, page.School).Record is { } exam)
                {
                    exams.Add(exam);
                }
            }

            return new PageResult([], exams, [], upstream.NextCursor, upstream.AsOf!.Value, items.Count);
        }

        Func<JsonElement, MappedRecord<PersonRecord>> mapper = page.Dataset switch
        {
            Dataset.SmsStudents => e => sms.MapStudent(e, page.School),
            Dataset.SmsStaff => e => sms.MapStaff(e, page.School),
            Dataset.ProvincialLearners => e => provincial.MapLearner(e, page.School),
            Dataset.ProvincialStaff => e => provincial.MapStaff(e, page.School),
            Dataset.NationalStudents => e => national.MapStudent(e, page.School),
            _ => e => national.MapStaff(e, page.School),
        };
        var persons = new List<PersonRecord>(items.Count);
        foreach (var item in items)
        {
            if (mapper(item).Record is { } person)
            {
                persons.Add(person);
            }
        }

        return new PageResult(persons, [], [], upstream.NextCursor, upstream.AsOf!.Value, items.Count);
    }

    private sealed record FetchedPage(Dataset Dataset, string School, byte[] Json, int Items);

    private static async Task<List<FetchedPage>> FetchAllPagesAsync(SimulatorHost simulators)
    {
        var credentials = simulators.Options.Credentials;
        using var smsClient = new HttpClient { BaseAddress = simulators.SmsUrl };
        using var provincialClient = new HttpClient { BaseAddress = simulators.ProvincialUrl };
        using var nationalClient = new HttpClient { BaseAddress = simulators.NationalUrl };
        smsClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await TokenAsync(smsClient, credentials.SmsClientId, credentials.SmsClientSecret, credentials.SmsScope));
        nationalClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await TokenAsync(nationalClient, credentials.NationalClientId, credentials.NationalClientSecret, credentials.NationalScope));
        provincialClient.DefaultRequestHeaders.Add("X-Api-Key", credentials.ProvincialApiKey);

        var schoolList = await smsClient.GetFromJsonAsync<JsonElement>("/api/v1/schools");
        var codes = schoolList.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("schoolCode").GetString()!).ToList();
        var province = simulators.ProvinceCode;
        var pages = new List<FetchedPage>();
        foreach (var school in codes)
        {
            foreach (var dataset in DatasetExtensions.All)
            {
                var (client, path) = dataset switch
                {
                    Dataset.SmsStudents => (smsClient, $"/api/v1/schools/{school}/students?"),
                    Dataset.SmsStaff => (smsClient, $"/api/v1/schools/{school}/staff?"),
                    Dataset.SmsHealthExams => (smsClient, $"/api/v1/schools/{school}/health-exams?"),
                    Dataset.ProvincialLearners => (provincialClient, $"/api/v1/learners?schoolCode={school}&"),
                    Dataset.ProvincialStaff => (provincialClient, $"/api/v1/staff?schoolCode={school}&"),
                    Dataset.NationalStudents => (nationalClient, $"/api/v1/provinces/{province}/students?schoolCode={school}&"),
                    _ => (nationalClient, $"/api/v1/provinces/{province}/staff?schoolCode={school}&"),
                };
                string? cursor = null;
                do
                {
                    var json = await client.GetByteArrayAsync(path + "limit=1000" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
                    using var page = JsonSerializer.Deserialize<UpstreamPage>(json, Web)!;
                    pages.Add(new FetchedPage(dataset, school, json, page.Items!.Count));
                    cursor = page.NextCursor;
                }
                while (cursor is not null);
            }
        }

        return pages;
    }

    private static async Task<string> TokenAsync(HttpClient client, string id, string secret, string scope)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["scope"] = scope,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static TimeSpan Measure(Action action)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        action();
        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    private static async Task<TimeSpan> MeasureAsync(Func<Task> action)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        await action();
        return Process.GetCurrentProcess().TotalProcessorTime - before;
    }

    private static double PerRecord(TimeSpan cpu, long records) => cpu.TotalMilliseconds * 1000 / records;
}
