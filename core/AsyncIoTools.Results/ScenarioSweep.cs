using System.Globalization;

namespace AsyncIoTools.Results;

/// <summary>One parameter taken through several values; every point is run and kept.</summary>
public sealed record ScenarioSweep(string Parameter, IReadOnlyList<double> Values)
{
    /// <summary>Parameters a sweep may vary, by their name in scenario files and on the command line.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["connections", "active", "rate", "pipeline", "messageBytes"];

    /// <summary>
    /// Reads a sweep as typed on a command line, <c>connections=100,1000,10000</c> (<c>message-size</c> is taken for
    /// <c>messageBytes</c>); false, with a message saying what is expected, if it is not one.
    /// </summary>
    public static bool TryParse(string? text, out ScenarioSweep? sweep, out string error)
    {
        text ??= string.Empty;
        sweep = null;
        error = string.Empty;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var parameter = equals > 0 ? text[..equals].Trim() : string.Empty;
        parameter = parameter == "message-size" ? "messageBytes" : parameter;
        var values = new List<double>();
        if (equals > 0)
        {
            foreach (var part in text[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values.Clear();
                    break;
                }

                values.Add(value);
            }
        }

        if (!Parameters.Contains(parameter) || values.Count == 0)
        {
            error = $"'{text}' is not a sweep; use PARAMETER=V1,V2,… with PARAMETER one of {string.Join(", ", Parameters)}";
            return false;
        }

        sweep = new ScenarioSweep(parameter, values);
        return true;
    }

    /// <summary>The scenario at one point of the sweep.</summary>
    public BenchmarkScenario Apply(BenchmarkScenario scenario, double value)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Parameter switch
        {
            "connections" => scenario with { Connections = (int)value },
            "active" => scenario with { Active = (int)value },
            "rate" => scenario with { Rate = value },
            "pipeline" => scenario with { Pipeline = (int)value },
            "messageBytes" => scenario with { MessageBytes = (int)value },
            _ => throw new InvalidOperationException($"cannot sweep '{Parameter}'"),
        };
    }
}
