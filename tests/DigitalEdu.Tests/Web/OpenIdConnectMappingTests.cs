using System.Security.Claims;
using DigitalEdu.Service.Access;

namespace DigitalEdu.Tests.Web;

/// <summary>The identity provider's claims become the service's role and school claims, or no sign-in at all.</summary>
public sealed class OpenIdConnectMappingTests
{
    private static readonly OpenIdConnectSettings Settings = new() { RoleClaim = "digitaledu_role", SchoolClaim = "digitaledu_schools" };

    [Fact]
    public void Map_gives_a_school_user_each_listed_school()
    {
        var principal = OpenIdConnectSetup.Map(External(("email", "gv@truong.edu.vn"), ("digitaledu_role", "school"),
            ("digitaledu_schools", "22000101, 22000108"), ("digitaledu_schools", "22000115")), Settings)!;

        var scope = UserScope.From(principal);
        Assert.Equal(Roles.School, scope.Role);
        Assert.Equal(["22000101", "22000108", "22000115"], scope.Schools!.Order());
        Assert.Equal("gv@truong.edu.vn", principal.Identity!.Name);
    }

    [Fact]
    public void Map_ignores_schools_for_province_wide_roles()
    {
        var principal = OpenIdConnectSetup.Map(External(("sub", "abc"), ("digitaledu_role", "officer"), ("digitaledu_schools", "22000101")), Settings)!;
        Assert.True(UserScope.From(principal).IsProvinceWide);
        Assert.True(principal.IsInRole(Roles.Officer));
    }

    [Theory]
    [InlineData("admin", "22000101")]
    [InlineData("school", "")]
    [InlineData(null, null)]
    public void Map_refuses_claims_that_grant_no_role_here(string? role, string? schools)
    {
        var claims = new List<(string, string)> { ("sub", "abc") };
        if (role is not null)
        {
            claims.Add(("digitaledu_role", role));
        }

        if (schools is not null)
        {
            claims.Add(("digitaledu_schools", schools));
        }

        Assert.Null(OpenIdConnectSetup.Map(External([.. claims]), Settings));
    }

    [Fact]
    public void Settings_are_off_until_authority_and_client_are_set()
    {
        Assert.False(new OpenIdConnectSettings().IsConfigured);
        Assert.False(new OpenIdConnectSettings { Authority = "https://id.example.vn" }.IsConfigured);
        Assert.True(new OpenIdConnectSettings { Authority = "https://id.example.vn", ClientId = "digitaledu" }.IsConfigured);
    }

    private static ClaimsPrincipal External(params (string Type, string Value)[] claims) =>
        new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "oidc"));
}
