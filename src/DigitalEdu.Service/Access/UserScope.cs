using System.Security.Claims;

namespace DigitalEdu.Service.Access;

/// <summary>What a signed-in user may see: the whole province, or a list of schools.</summary>
public sealed record UserScope(string Role, IReadOnlySet<string>? Schools)
{
    public bool IsProvinceWide => Schools is null;

    public bool CanSee(string schoolCode) => Schools is null || Schools.Contains(schoolCode);

    public static UserScope From(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        return role == Roles.School
            ? new UserScope(role, user.FindAll(Roles.SchoolClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal))
            : new UserScope(role, null);
    }
}
