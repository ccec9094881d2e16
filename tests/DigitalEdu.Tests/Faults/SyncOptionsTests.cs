using DigitalEdu.Sync;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DigitalEdu.Tests.Faults;

/// <summary>A wrong Sync setting stops the service at start with a message that names the key; the defaults start.</summary>
public sealed class SyncOptionsTests
{
    private const string ConnectionString = "Host=127.0.0.1;Database=digitaledu;Username=postgres";

    [Theory]
    [InlineData("Sync:ProvinceCode", "2", "Sync:ProvinceCode must be two digits")]
    [InlineData("Sync:PageSize", "0", "Sync:PageSize must be between 1 and 1000")]
    [InlineData("Sync:PullJobs", "0", "Sync:PullJobs must be between 1 and 64")]
    [InlineData("Sync:PullsPerJob", "65", "Sync:PullsPerJob must be between 1 and 64")]
    [InlineData("Sync:PullsPerClaim", "0", "Sync:PullsPerClaim must be between 1 and 64")]
    [InlineData("Sync:RecordsPerCommit", "0", "Sync:RecordsPerCommit must be between 1 and 100000")]
    [InlineData("Sync:PullJobSliceSeconds", "0", "Sync:PullJobSliceSeconds must be between 1 and 3600")]
    [InlineData("Reports:StartOfYear", "31/09", "Reports:StartOfYear '31/09' is not a day of the year")]
    [InlineData("Reports:EndOfYear", "29/02", "Reports:EndOfYear '29/02' is not a day of the year")]
    [InlineData("Reports:FreezeSchedule", "every day", "Reports:FreezeSchedule 'every day' is not a valid cron expression")]
    public void A_wrong_sync_setting_fails_at_start_naming_the_key(string key, string value, string message)
    {
        var failure = Assert.IsType<OptionsValidationException>(Validate(new() { [key] = value }));
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_start() => Assert.Null(Validate([]));

    private static Exception? Validate(Dictionary<string, string?> settings)
    {
        settings["ConnectionStrings:DigitalEdu"] = ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSync(configuration).BuildServiceProvider();
        var ex = Record.Exception(() => provider.GetRequiredService<IStartupValidator>().Validate());
        return ex is AggregateException aggregate ? aggregate.InnerExceptions[0] : ex;
    }
}
