namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>An HTTP response as the test client read it.</summary>
public sealed record TestResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
