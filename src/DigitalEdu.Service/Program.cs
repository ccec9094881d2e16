using DigitalEdu.Connectors;
using DigitalEdu.Service.Access;
using DigitalEdu.Service.Apis;
using DigitalEdu.Service.Commands;
using DigitalEdu.Service.Features.CodeDrift;
using DigitalEdu.Service.Hosting;
using DigitalEdu.Service.Web;
using DigitalEdu.Sync;
using FluentValidation;
using Hangfire;

var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArguments ?? args);
if (command is not null)
{
    // A command's standard output is its answer (a token, a report); logs go to standard error.
    builder.Logging.ClearProviders().AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
}

builder.AddServiceDefaults();
builder.Services.AddSync(builder.Configuration);
builder.Services.AddUpstreams(builder.Configuration);
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
builder.Services.AddValidatorsFromAssemblyContaining<DigitalEdu.Sync.Jobs.StartSyncRunValidator>();
builder.AddJobs();
builder.AddAccess();
builder.AddWeb();

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app);
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapDefaultEndpoints();
app.MapSyncRunsApi();
app.MapBatchesApi();
app.MapMismatchesApi();
app.MapCoverageApi();
app.MapCodeDriftApi();
app.MapWeb();
app.Run();
return 0;

public partial class Program;
