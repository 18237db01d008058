using System.Globalization;
using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Reports.Sections;

/// <summary>The seeds' claims, each with its condition, verdict, figure and the command that measures it.</summary>
internal static class ClaimsSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        if (model.Claims.Count == 0)
        {
            return;
        }

        document.Heading(2, "The seeds' claims, checked");
        var counts = Enum.GetValues<ClaimVerdict>().Select(v => string.Create(CultureInfo.InvariantCulture, $"{model.Claims.Count(c => c.Outcome.Verdict == v)} {Verdict(v)}"));
        document.Paragraph(
            "Each claim of the seed chapters is checked on the results of this report with the condition shown; a claim " +
            "without matching results is *not measured*, never guessed. A verdict holds for this machine and these runs. " +
            string.Join(", ", counts) + ".");
        var table = new MarkdownTable(
            ["#", "Claim", "Seed", "Confirmed when", "Verdict", "Measured here", "Reproduce"],
            [ColumnAlignment.Right, ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Left]);
        var number = 0;
        foreach (var (claim, outcome) in model.Claims)
        {
            number++;
            table.Add([
                number.ToString(CultureInfo.InvariantCulture),
                MarkdownText.Inline(claim.Statement),
                MarkdownText.Inline(claim.Source),
                MarkdownText.Inline(claim.Check.Condition),
                Symbol(outcome.Verdict) + " " + Verdict(outcome.Verdict),
                MarkdownText.Inline(outcome.Figure),
                MarkdownText.Code(claim.Reproduce, inTable: true),
            ]);
        }

        document.Table(table);
    }

    private static string Verdict(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Confirmed => "confirmed",
        ClaimVerdict.NotConfirmed => "not confirmed",
        _ => "not measured",
    };

    private static string Symbol(ClaimVerdict verdict) => verdict switch
    {
        ClaimVerdict.Confirmed => "✅",
        ClaimVerdict.NotConfirmed => "❌",
        _ => "➖",
    };
}
