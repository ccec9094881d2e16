using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DigitalEdu.Service.Access;
using DigitalEdu.Tests.EndToEnd;
using DigitalEdu.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalEdu.Tests.Security;

/// <summary>
/// Children's data probed as an attacker would, with a school account, an officer account, no account and hostile input,
/// against one host (<see cref="SecurityFixture"/>). The class is split by theme over the files beside this one; the points
/// that need a host of their own are in <see cref="SeparateHostTests"/>. docs/security.md points at each test.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class SecurityTests(SecurityFixture fixture) : IClassFixture<SecurityFixture>
{
    private readonly SecurityFixture web = fixture;

    /// <summary>An open item of the given school (the school user's, by default), as the officer API lists it.</summary>
    private async Task<MismatchDto> OpenItemAsync(string? schoolCode = null, string? kind = null) =>
        (await DigitalEduApp.ListAllMismatchesAsync(web.OfficerApi, $"&schoolCode={schoolCode ?? web.SchoolCode}&status=open" + (kind is null ? "" : $"&kind={kind}")))[0];

    /// <summary>A password user of its own for a test that disables, locks or changes it.</summary>
    private async Task<string> NewUserAsync(string name, string role = Roles.School, string? password = null)
    {
        var email = $"{name}.{Guid.NewGuid().ToString("N")[..8]}@example.vn";
        await using var scope = web.Host.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<WebUserSignIn>()
            .CreateOrUpdateAsync(email, role, role == Roles.School ? [web.SchoolCode] : [], password ?? SecurityFixture.Password, CancellationToken.None);
        Assert.Empty(errors);
        return email;
    }

    /// <summary>The audit entries the officer API finds for a search (newest first).</summary>
    private async Task<List<JsonElement>> AuditAsync(string query)
    {
        var page = await web.OfficerApi.GetFromJsonAsync<JsonElement>($"/api/v1/audit?limit=1000&{query}");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} instead of {(int)status}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        if (field is not null)
        {
            var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Contains(field, fields, StringComparer.Ordinal);
        }
    }
}
