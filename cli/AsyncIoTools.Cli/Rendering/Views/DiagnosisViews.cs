using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics;
using AsyncIoTools.Diagnostics.Incidents;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools diagnose</c>: the verdict and its cause, then the evidence (no single table, so no CSV).</summary>
internal static class DiagnosisViews
{
    public static readonly View<Diagnosis> Diagnosis = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.Diagnosis),
        Text = diagnosis => DiagnosisTextRenderer.Render(diagnosis) + "\n",
    };
}
