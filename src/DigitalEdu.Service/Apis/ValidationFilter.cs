using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DigitalEdu.Service.Apis;

/// <summary>The one validation style: FluentValidation through an endpoint filter that answers problem+json 400 naming each field.</summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["The request body is missing or not JSON."] },
                title: "The request is not valid.",
                detail: "The request body is missing or not JSON.");
        }

        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : result.ToValidationProblem();
    }
}

public static class ValidationFilterExtensions
{
    public static RouteHandlerBuilder WithValidation<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<ValidationFilter<T>>().ProducesValidationProblem();

    /// <summary>
    /// The failures as a problem+json 400 whose error keys are the fields as the request spells them (camelCase, as the JSON
    /// bodies and query strings are), not the C# property names FluentValidation reports.
    /// </summary>
    public static ValidationProblem ToValidationProblem(this ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Errors
            .GroupBy(e => string.Join('.', e.PropertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName)))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        return TypedResults.ValidationProblem(errors, title: "The request is not valid.", detail: string.Join(" ", result.Errors.Select(e => e.ErrorMessage)));
    }
}
