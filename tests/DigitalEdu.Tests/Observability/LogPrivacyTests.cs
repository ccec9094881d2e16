using System.Buffers;
using DigitalEdu.Tests.EndToEnd;
using Npgsql;

namespace DigitalEdu.Tests.Observability;

/// <summary>A whole run's logs, Debug included, hold run and batch ids but no personal ID, no name, no token and no secret.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class LogPrivacyTests(SyncRunObservation observation) : IClassFixture<SyncRunObservation>
{
    [Fact]
    public async Task A_full_runs_logs_carry_run_and_batch_ids_and_no_personal_data_or_secrets()
    {
        Assert.Equal("succeeded", observation.Run.Status);
        var lines = observation.App.Logs.Lines.ToList();
        Assert.NotEmpty(lines);

        // The jobs' scopes put the run and the batch on their lines.
        Assert.Contains(lines, l => l.Contains($"RunId={observation.Run.Id}", StringComparison.Ordinal) && l.Contains("BatchId=", StringComparison.Ordinal));

        var (ids, names) = await PersonalDataAsync();
        Assert.True(ids.Count > 1000 && names.Count > 1000, $"only {ids.Count} IDs and {names.Count} names read back");
        var credentials = observation.Simulators.Credentials;
        var secrets = new[] { credentials.SmsClientSecret, credentials.NationalClientSecret, credentials.ProvincialApiKey, observation.OperatorToken }
            .Concat(observation.BearerTokens).ToList();
        Assert.NotEmpty(observation.BearerTokens);

        var forbidden = SearchValues.Create([.. ids, .. names, .. secrets], StringComparison.Ordinal);
        var leaks = lines.Where(l => l.AsSpan().IndexOfAny(forbidden) >= 0).Take(5).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} log lines hold personal data or a secret, e.g.:\n{string.Join("\n", leaks)}");
    }

    /// <summary>Every personal ID (as received, 9 digits and longer) and every person's and parent's name the run stored.</summary>
    private async Task<(HashSet<string> Ids, HashSet<string> Names)> PersonalDataAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(observation.App.ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT personal_id_raw, personal_id_digits, full_name, full_name_key, father_name, mother_name FROM person_records");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < 6; i++)
            {
                if (reader.IsDBNull(i) || reader.GetString(i).Trim() is not { Length: >= 5 } value)
                {
                    continue;
                }

                if (i < 2)
                {
                    if (value.Count(char.IsAsciiDigit) >= 9)
                    {
                        ids.Add(value);
                    }
                }
                else if (value.Contains(' ', StringComparison.Ordinal))
                {
                    names.Add(value);
                }
            }
        }

        return (ids, names);
    }
}
