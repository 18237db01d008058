namespace AsyncIoTools.Reports.Exporters;

/// <summary>A rendered report: its text, where it goes (null: standard output) and the files written beside it.</summary>
public sealed record ReportOutput(string? MainPath, string Text, IReadOnlyList<ReportArtifact> Companions);
