global using System.Management.Automation;
global using AsyncIoTools.PowerShell.Runspace.Tests.Support;
global using Xunit;

// One test at a time: the tests count this process's aiotools children, and a benchmark pins the whole process.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
