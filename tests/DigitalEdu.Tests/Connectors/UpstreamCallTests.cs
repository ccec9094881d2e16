using System.Net;
using DigitalEdu.Connectors.Reading;

namespace DigitalEdu.Tests.Connectors;

/// <summary>What a failed batch keeps of an upstream's error answer: the status and problem, never a child's ID in clear.</summary>
public sealed class UpstreamCallTests
{
    [Fact]
    public void An_error_answer_echoing_a_personal_id_is_kept_masked()
    {
        const string answer = """{"title":"Invalid record","detail":"SO_DINH_DANH 022312000041 does not match HO_TEN"}""";
        var described = UpstreamCall.Describe(HttpStatusCode.UnprocessableEntity, "Unprocessable Entity", answer);
        Assert.Equal("422 Unprocessable Entity: Invalid record: SO_DINH_DANH 022******041 does not match HO_TEN", described);
        Assert.Equal(answer.Replace("022312000041", "022******041", StringComparison.Ordinal), UpstreamCall.KeptBody(answer));
        Assert.EndsWith("…", UpstreamCall.KeptBody(new string('x', UpstreamCall.MaxBodyLength + 10)));
    }
}
