using DigitalEdu.Domain.Identity;
using DigitalEdu.Domain.Vocabulary;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Vocabulary;

namespace DigitalEdu.Tests.Web;

/// <summary>
/// Every code the service speaks renders through its Vietnamese label: a code without one would reach a page, an export or a
/// guidance sentence as its wire spelling.
/// </summary>
public sealed class VocabularyTests
{
    public static TheoryData<string, string> Codes()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in MismatchKinds.All)
        {
            data.Add("kind", kind);
        }

        foreach (var status in MismatchStatus.All)
        {
            data.Add("mismatch status", status);
        }

        string[] details =
        [
            .. Enum.GetValues<PersonalIdDefect>().Where(d => d != PersonalIdDefect.None).Select(d => d.ToDetail()),
            .. WireNames.Sources, MismatchDetails.Missing, MismatchDetails.Outdated,
            .. CodeLists.PopulationStatus.Entries.Select(e => e.Code), .. Fields.All,
        ];
        foreach (var detail in details)
        {
            data.Add("detail", detail);
        }

        foreach (var field in Fields.All)
        {
            data.Add("field", field);
        }

        foreach (var status in new[] { SyncRunStatus.Queued, SyncRunStatus.Running, SyncRunStatus.Succeeded, SyncRunStatus.PartiallyFailed, SyncRunStatus.Failed })
        {
            data.Add("run status", status);
        }

        foreach (var status in new[] { BatchStatus.Running, BatchStatus.Succeeded, BatchStatus.Failed, BatchStatus.Retried, BatchStatus.Interrupted })
        {
            data.Add("batch status", status);
        }

        foreach (var action in new[] { AuditAction.ShowPersonalId, AuditAction.ExportXlsx, AuditAction.ExportCsv, AuditAction.CheckSchool, AuditAction.ImportFixed })
        {
            data.Add("audit action", action);
        }

        foreach (var source in WireNames.Sources)
        {
            data.Add("source", source);
        }

        foreach (var role in Roles.All)
        {
            data.Add("role", role);
        }

        foreach (var dataset in DatasetExtensions.All)
        {
            data.Add("dataset", dataset.ToString());
        }

        foreach (var gender in new[] { WireNames.Male, WireNames.Female })
        {
            data.Add("gender", gender);
        }

        foreach (var reason in new[] { MismatchEvents.Found, MismatchEvents.FoundAgain, MismatchEvents.NotFound, MismatchEvents.System })
        {
            data.Add("event", reason);
        }

        foreach (var level in CodeLists.SchoolLevel.Entries)
        {
            data.Add("level", level.Code);
        }

        foreach (var status in CodeLists.SmsStudentStatus.Entries.Concat(CodeLists.SmsStaffStatus.Entries))
        {
            data.Add("person status", status.Code);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_code_has_a_vietnamese_label(string what, string code)
    {
        var label = what switch
        {
            "kind" => Labels.Kind(code),
            "mismatch status" => Labels.MismatchStatusText(code),
            "detail" => Labels.Detail(code),
            "field" => Labels.Field(code),
            "run status" => Labels.RunStatus(code),
            "batch status" => Labels.BatchStatusText(code),
            "audit action" => Labels.Audit(code),
            "source" => Labels.Source(code),
            "role" => Labels.Role(code),
            "dataset" => Labels.Dataset(code),
            "gender" => Labels.Gender(code),
            "event" => code == MismatchEvents.System ? Labels.Actor(code) : Labels.EventReason(code),
            "level" => Labels.Level(code),
            "person status" => Labels.PersonStatusText(code),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };

        Assert.False(string.IsNullOrWhiteSpace(label), $"{what} '{code}' has no label");
        Assert.True(label != code || code is "SMS" or "THCS" or "THPT" or "GDTX", $"{what} '{code}' is shown as its code");
    }

    [Fact]
    public void Every_code_list_line_has_a_label_and_a_canonical_value()
    {
        foreach (var list in CodeLists.All)
        {
            Assert.NotEmpty(list.Entries);
            Assert.All(list.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Label) || string.IsNullOrWhiteSpace(e.Canonical), $"{list.Name} {e.Code}"));
            Assert.Equal(list.Entries.Count, list.Entries.Select(e => e.Code).Distinct(StringComparer.Ordinal).Count());
        }
    }
}
