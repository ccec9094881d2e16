using DigitalEdu.Service.Access;
using DigitalEdu.Service.Commands;
using DigitalEdu.Service.Features.Mismatches;
using DigitalEdu.Service.Hosting;
using DigitalEdu.Service.Web;
using FluentValidation;

// A command (migrate, create-token, create-user, sync) runs on the host's configuration and services, without serving.
var command = CommandLine.Parse(args);
var builder = WebApplication.CreateBuilder(command?.HostArguments ?? args);
command?.ConfigureLogging(builder);

builder.AddServiceDefaults();
builder.AddUpstreams();
builder.AddSync();
builder.AddJobs();
builder.AddAccess();
builder.AddMismatches();
builder.AddOperations();
builder.AddWeb();
builder.Services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);

var app = builder.Build();
if (command is not null)
{
    return await command.RunAsync(app);
}

app.UseWorkerGate();
app.UseStaticFiles();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseErrorPages();
app.UseRouting();
app.UseRequestBodyLimit();
app.UseAuthentication();
app.UseAuthorization();

app.MapDefaultEndpoints();
app.MapMismatchesApi();
app.MapOperationsApi();
app.MapWeb();
app.Run();
return 0;

public partial class Program;
