using System.Diagnostics;
using System.Diagnostics.Metrics;
using DigitalEdu.Connectors.Abstractions;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using DigitalEdu.Domain.Vocabulary;
using Microsoft.Extensions.Logging;

namespace DigitalEdu.Sync.Telemetry;

/// <summary>
/// The sync feature's traces and metrics. Hangfire runs each job on its own thread with no ambient trace, so every span
/// of a run is started under a parent context derived from the run id: all of a run's spans share one trace id (the
/// run id's hex digits), and each also carries the run and batch ids as tags.
/// </summary>
public sealed class SyncTelemetry : IDisposable
{
    public const string Name = "DigitalEdu.Sync";

    public const string RunIdTag = "digitaledu.run_id";
    public const string BatchIdTag = "digitaledu.batch_id";
    public const string SourceTag = "digitaledu.source";
    public const string DatasetTag = "digitaledu.dataset";
    public const string SchoolTag = "digitaledu.school";
    public const string StatusTag = "digitaledu.status";
    public const string KindTag = "digitaledu.kind";
    public const string FieldTag = "digitaledu.field";
    public const string CodeTag = "digitaledu.code";

    /// <summary>On a commit span: how many pages (batches) it committed.</summary>
    public const string PagesTag = "digitaledu.pages";

    /// <summary>On a commit span: how many records its pages held (bounded by Sync:RecordsPerCommit and a page).</summary>
    public const string RecordsTag = "digitaledu.records";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly OpenItemsSnapshot openItems;
    private readonly Meter meter;
    private readonly Counter<long> recordsPulled;
    private readonly Counter<long> recordsStored;
    private readonly Counter<long> recordsQuarantined;
    private readonly Counter<long> batches;
    private readonly Histogram<double> batchDuration;
    private readonly Counter<long> runs;
    private readonly Counter<long> newCodes;
    private IReadOnlyList<Drift.DriftedCode>? drifted;

    public SyncTelemetry(IMeterFactory meterFactory, OpenItemsSnapshot openItems)
    {
        this.openItems = openItems;
        meter = meterFactory.Create(Name);
        recordsPulled = meter.CreateCounter<long>("digitaledu.sync.records.pulled", "{record}", "Records received from an upstream, per source and dataset.");
        recordsStored = meter.CreateCounter<long>("digitaledu.sync.records.stored", "{record}", "Records staged after validation.");
        recordsQuarantined = meter.CreateCounter<long>("digitaledu.sync.records.quarantined", "{record}", "Records kept aside because they cannot be read.");
        batches = meter.CreateCounter<long>("digitaledu.sync.batches", "{batch}", "Batches (page requests) ended, by status.");
        batchDuration = meter.CreateHistogram<double>("digitaledu.sync.batch.duration", "s", "Time from a batch's start to its commit or failure.");
        runs = meter.CreateCounter<long>("digitaledu.sync.runs", "{run}", "Sync runs ended, by status.");
        meter.CreateObservableGauge("digitaledu.mismatches.open", openItems.Observe, "{item}", "Open mismatch items by kind, as of the last reconcile.");
        newCodes = meter.CreateCounter<long>("digitaledu.code_drift.new_codes", "{code}", "Codes an upstream sent that DigitalEdu's lists lack, when first seen, per source and field.");
        meter.CreateObservableGauge("digitaledu.code_drift.records", ObserveDrift, "{record}", "Records holding a code DigitalEdu's lists lack, per source, field and code, as of the last reconcile.");
    }

    public static Activity? StartPlan(Guid runId) => Start("sync.plan", runId)?.SetTag(RunIdTag, runId.ToString());

    public static Activity? StartPull(Pull pull) =>
        Start("sync.pull", pull.RunId)?
            .SetTag(RunIdTag, pull.RunId.ToString())
            .SetTag(SourceTag, pull.Source)
            .SetTag(DatasetTag, pull.Dataset)
            .SetTag(SchoolTag, pull.SchoolCode)
            .SetTag("digitaledu.pull_id", pull.Id);

    /// <summary>A batch's span is the child of its pull's span, which is current on the pull job's thread.</summary>
    public static Activity? StartBatch(Batch batch) =>
        ActivitySource.StartActivity("sync.batch")?
            .SetTag(RunIdTag, batch.RunId.ToString())
            .SetTag(BatchIdTag, batch.Id)
            .SetTag(SourceTag, batch.Source)
            .SetTag(DatasetTag, batch.Dataset)
            .SetTag(SchoolTag, batch.SchoolCode);

    /// <summary>The commit of pages a lane read for its block of pulls, together (see DrainPullsJob).</summary>
    public static Activity? StartCommit(Guid runId, int pages, int records) =>
        Start("sync.commit", runId)?.SetTag(RunIdTag, runId.ToString()).SetTag(PagesTag, pages).SetTag(RecordsTag, records);

    public static Activity? StartReconcile(Guid runId, string? schoolCode) =>
        Start("sync.reconcile", runId)?.SetTag(RunIdTag, runId.ToString()).SetTag(SchoolTag, schoolCode);

    /// <summary>The logging scope of a pull: every line it writes carries the run, pull, dataset and school.</summary>
    public static IDisposable? BeginPullScope(ILogger logger, Pull pull) =>
        logger.BeginScope(new Dictionary<string, object?>
        {
            ["RunId"] = pull.RunId,
            ["PullId"] = pull.Id,
            ["Dataset"] = pull.Dataset,
            ["SchoolCode"] = pull.SchoolCode,
        });

    public static IDisposable? BeginBatchScope(ILogger logger, long batchId) =>
        logger.BeginScope(new Dictionary<string, object?> { ["BatchId"] = batchId });

    public static IDisposable? BeginRunScope(ILogger logger, Guid runId) =>
        logger.BeginScope(new Dictionary<string, object?> { ["RunId"] = runId });

    /// <summary>A committed page: what it received, stored and quarantined, and how long the batch took.</summary>
    public void PageCommitted(Dataset dataset, PageResult page, TimeSpan elapsed)
    {
        var tags = new TagList { { SourceTag, dataset.Source().ToWire() }, { DatasetTag, dataset.ToString() } };
        recordsPulled.Add(page.ReceivedCount, tags);
        recordsStored.Add(page.Persons.Count + page.HealthExams.Count, tags);
        recordsQuarantined.Add(page.Quarantined.Count, tags);
        BatchEnded(dataset, BatchStatus.Succeeded, elapsed);
    }

    public void BatchFailed(Dataset dataset, TimeSpan elapsed) => BatchEnded(dataset, BatchStatus.Failed, elapsed);

    /// <summary>After a reconcile: the run's end when it was the run's own, the codes first seen, and fresh figures for the gauges.</summary>
    public async Task ReconciledAsync(string runStatus, bool runEnded, IReadOnlyList<Drift.DriftedCode> driftedCodes, CancellationToken cancellationToken)
    {
        if (runEnded)
        {
            RunEnded(runStatus);
        }

        foreach (var code in driftedCodes.Where(c => c.FirstSeen))
        {
            newCodes.Add(1, new TagList { { SourceTag, code.Source }, { FieldTag, code.Field } });
        }

        Volatile.Write(ref drifted, driftedCodes);
        await openItems.RefreshAsync(cancellationToken);
    }

    private IEnumerable<Measurement<long>> ObserveDrift() =>
        (Volatile.Read(ref drifted) ?? []).Select(c => new Measurement<long>(
            c.Records, new TagList { { SourceTag, c.Source }, { FieldTag, c.Field }, { CodeTag, c.Code } }));

    public void RunEnded(string status) => runs.Add(1, new KeyValuePair<string, object?>(StatusTag, status));

    public void Dispose() => meter.Dispose();

    private void BatchEnded(Dataset dataset, string status, TimeSpan elapsed)
    {
        var tags = new TagList { { SourceTag, dataset.Source().ToWire() }, { DatasetTag, dataset.ToString() }, { StatusTag, status } };
        batches.Add(1, tags);
        batchDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static Activity? Start(string name, Guid runId)
    {
        // The run id is a UUID: its 16 bytes are a valid trace id, and its first 8 a stable parent span id.
        Span<byte> bytes = stackalloc byte[16];
        runId.TryWriteBytes(bytes, bigEndian: true, out _);
        var parent = new ActivityContext(
            ActivityTraceId.CreateFromBytes(bytes), ActivitySpanId.CreateFromBytes(bytes[..8]), ActivityTraceFlags.Recorded, isRemote: true);
        return ActivitySource.StartActivity(name, ActivityKind.Internal, parent);
    }
}
