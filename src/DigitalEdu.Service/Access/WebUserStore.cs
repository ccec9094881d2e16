using DigitalEdu.Data;
using DigitalEdu.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DigitalEdu.Service.Access;

/// <summary>
/// ASP.NET Core Identity's view of <see cref="WebUser"/>: passwords, security stamps and lockout, so that
/// <see cref="UserManager{TUser}"/> does the hashing, the counting of wrong passwords and the stamping on every change.
/// </summary>
public sealed class WebUserStore(DigitalEduDbContext db) :
    IUserPasswordStore<WebUser>, IUserSecurityStampStore<WebUser>, IUserLockoutStore<WebUser>
{
    public Task<string> GetUserIdAsync(WebUser user, CancellationToken cancellationToken) =>
        Task.FromResult(user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<string?> GetUserNameAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task SetUserNameAsync(WebUser user, string? userName, CancellationToken cancellationToken)
    {
        user.Email = userName ?? "";
        return Task.CompletedTask;
    }

    // The e-mail is kept in its normalised (lower-case) form; see LowerCaseLookupNormalizer.
    public Task<string?> GetNormalizedUserNameAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);

    public Task SetNormalizedUserNameAsync(WebUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.Email = normalizedName ?? user.Email;
        return Task.CompletedTask;
    }

    public async Task<IdentityResult> CreateAsync(WebUser user, CancellationToken cancellationToken)
    {
        db.WebUsers.Add(user);
        return await SaveAsync(cancellationToken);
    }

    public Task<IdentityResult> UpdateAsync(WebUser user, CancellationToken cancellationToken) => SaveAsync(cancellationToken);

    public async Task<IdentityResult> DeleteAsync(WebUser user, CancellationToken cancellationToken)
    {
        db.WebUsers.Remove(user);
        return await SaveAsync(cancellationToken);
    }

    public async Task<WebUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        long.TryParse(userId, out var id) ? await db.WebUsers.SingleOrDefaultAsync(u => u.Id == id, cancellationToken) : null;

    public Task<WebUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        db.WebUsers.SingleOrDefaultAsync(u => u.Email == normalizedUserName, cancellationToken);

    public Task SetPasswordHashAsync(WebUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(WebUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.PasswordHash.Length == 0 ? null : user.PasswordHash);

    public Task<bool> HasPasswordAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash.Length > 0);

    public Task SetSecurityStampAsync(WebUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(WebUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    /// <summary>
    /// Counted in the database in one statement, so wrong passwords sent in parallel each count; the entity takes the new
    /// count as already saved, so its own save cannot write back an older one.
    /// </summary>
    public async Task<int> IncrementAccessFailedCountAsync(WebUser user, CancellationToken cancellationToken)
    {
        var count = (await db.Database
            .SqlQuery<int>($"UPDATE web_users SET access_failed_count = access_failed_count + 1 WHERE id = {user.Id} RETURNING access_failed_count AS \"Value\"")
            .ToListAsync(cancellationToken)).Single();
        var property = db.Entry(user).Property(u => u.AccessFailedCount);
        property.CurrentValue = count;
        property.OriginalValue = count;
        return count;
    }

    public Task ResetAccessFailedCountAsync(WebUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    /// <summary>Every account can be locked out: there is no one for whom guessing is allowed.</summary>
    public Task<bool> GetLockoutEnabledAsync(WebUser user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetLockoutEnabledAsync(WebUser user, bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    private async Task<IdentityResult> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return IdentityResult.Success;
        }
        catch (DbUpdateException ex)
        {
            return IdentityResult.Failed(new IdentityError { Code = "SaveFailed", Description = (ex.InnerException ?? ex).Message });
        }
    }
}

/// <summary>E-mail addresses are looked up as stored: trimmed and lower-cased.</summary>
public sealed class LowerCaseLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => name?.Trim().ToLowerInvariant();

    public string? NormalizeEmail(string? email) => NormalizeName(email);
}
