using System.Net;
using System.Net.Http.Json;
using DigitalEdu.Tests.Web;

namespace DigitalEdu.Tests.Security;

/// <summary>Operations under attack: a batch retried many times at once is retried once.</summary>
public sealed partial class SecurityTests
{
    [Fact]
    public async Task Concurrent_retries_of_one_failed_batch_answer_202_once_and_409_otherwise()
    {
        var batch = Assert.Single((await web.OperatorApi.GetFromJsonAsync<List<BatchDto>>("/api/v1/batches?status=failed"))!);
        Assert.Equal(SecurityFixture.FaultedSchool, batch.SchoolCode);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => web.OperatorApi.PostAsync($"/api/v1/batches/{batch.Id}/retry", null)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        foreach (var conflict in answers.Where(a => a.StatusCode != HttpStatusCode.Accepted))
        {
            await AssertProblemAsync(conflict, HttpStatusCode.Conflict);
        }

        // Let the one re-run finish, so the other tests read settled queues.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while ((await web.OperatorApi.GetFromJsonAsync<List<BatchDto>>($"/api/v1/batches?runId={batch.RunId}&status=running"))!.Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the re-run did not finish");
            await Task.Delay(200);
        }
    }
}
