using System.Security.Claims;
using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Access;

/// <summary>Password sign-in and user creation, on Identity's password hasher (PBKDF2, salted, versioned).</summary>
public sealed class WebUserSignIn(DigitalEduDbContext db, IPasswordHasher<WebUser> hasher, TimeProvider clock)
{
    /// <summary>The principal for a correct e-mail and password of an enabled user; null otherwise (the caller does not say which part was wrong).</summary>
    public async Task<ClaimsPrincipal?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalized = Normalize(email);
        var user = await db.WebUsers.SingleOrDefaultAsync(u => u.Email == normalized && u.DisabledAt == null, cancellationToken);
        if (user is null)
        {
            // Hash anyway so an unknown e-mail takes as long as a wrong password.
            hasher.HashPassword(new WebUser { Email = normalized, PasswordHash = "", Role = "" }, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Principal(user.Email, user.Role, user.SchoolCodes, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Creates the user, or resets the role, schools and password of an existing one (the e-mail is the key).</summary>
    public async Task<WebUser> CreateOrUpdateAsync(string email, string role, string[] schools, string password, CancellationToken cancellationToken)
    {
        var normalized = Normalize(email);
        var user = await db.WebUsers.SingleOrDefaultAsync(u => u.Email == normalized, cancellationToken);
        if (user is null)
        {
            user = new WebUser { Email = normalized, PasswordHash = "", Role = role, CreatedAt = clock.GetUtcNow() };
            db.WebUsers.Add(user);
        }

        user.Role = role;
        user.SchoolCodes = role == Roles.School ? schools : [];
        user.PasswordHash = hasher.HashPassword(user, password);
        user.DisabledAt = null;
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    public static ClaimsPrincipal Principal(string name, string role, IEnumerable<string> schools, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role) };
        if (role == Roles.School)
        {
            claims.AddRange(schools.Select(code => new Claim(Roles.SchoolClaim, code)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    private static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
