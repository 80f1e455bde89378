using System.Reflection;
using ConnectMock.Aws;

namespace ConnectMock.Tests.Aws;

public sealed class AwsErrorsTests
{
    // Every error name the code can throw by name (AwsErrors.XName).
    private static readonly string[] Names = typeof(AwsErrors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    [Fact]
    public void EveryErrorName_HasAShapeWithAnErrorStatus()
    {
        var missing = Names.Except(AwsErrors.Shapes.Select(s => s.Name));

        Assert.Empty(missing);
        Assert.All(AwsErrors.Shapes, shape => Assert.InRange(shape.StatusCode, 400, 599));
    }

    [Fact]
    public void Shapes_NameEachErrorOnce() =>
        Assert.Equal(AwsErrors.Shapes.Count, AwsErrors.Shapes.Select(s => s.Name).Distinct().Count());

    [Fact]
    public void KnownNamesAndStatusLookup_ComeFromTheShapes()
    {
        Assert.Equal(AwsErrors.Shapes.Select(s => s.Name), AwsErrors.Known);
        Assert.All(AwsErrors.Shapes, shape => Assert.Equal(shape.StatusCode, AwsErrors.StatusOf(shape.Name)));
    }
}
