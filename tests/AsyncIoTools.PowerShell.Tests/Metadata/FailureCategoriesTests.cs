using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Hosting;

namespace AsyncIoTools.PowerShell.Tests.Metadata;

public sealed class FailureCategoriesTests
{
    [Fact]
    public void EveryFailureKind_HasOneStableIdAndARealErrorCategory()
    {
        var categories = ModuleMetadata.FindType("System.Management.Automation.ErrorCategory")!.GetFields().Where(f => f.IsStatic).Select(f => f.Name).ToHashSet();
        Assert.Equal(Enum.GetValues<FailureKind>().Order(), FailureCategories.Table.Keys.Order());
        Assert.Equal(FailureCategories.Table.Count, FailureCategories.Table.Values.Select(v => v.ErrorId).Distinct().Count());
        Assert.All(FailureCategories.Table.Values, v => Assert.Contains(v.Category, categories));
    }

    [Fact]
    public void OnlyUsageMistakes_StopTheWholeCommand()
    {
        Assert.Equal([FailureKind.Usage], Enum.GetValues<FailureKind>().Where(FailureCategories.IsTerminating));
    }
}
