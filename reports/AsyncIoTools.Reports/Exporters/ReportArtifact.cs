namespace AsyncIoTools.Reports.Exporters;

/// <summary>A file a report consists of: the markdown itself or a chart beside it.</summary>
public sealed record ReportArtifact(string Path, string Content);
