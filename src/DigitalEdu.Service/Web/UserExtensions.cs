using System.Security.Claims;
using DigitalEdu.Service.Access;

namespace DigitalEdu.Service.Web;

public static class UserExtensions
{
    /// <summary>How the item history names a person: role and name, as the API does.</summary>
    public static string Actor(this ClaimsPrincipal user) => $"{user.FindFirstValue(ClaimTypes.Role)}:{user.Identity?.Name}";

    public static string RoleName(this ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Role) ?? "";

    /// <summary>Only operators and officers may ask to see a full personal ID; a school clerk never needs it here.</summary>
    public static bool MayUnmask(this ClaimsPrincipal user) => user.IsInRole(Roles.Operator) || user.IsInRole(Roles.Officer);
}
