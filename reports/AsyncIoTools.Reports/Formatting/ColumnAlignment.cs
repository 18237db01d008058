namespace AsyncIoTools.Reports.Formatting;

public enum ColumnAlignment
{
    Left,

    /// <summary>Figures: they read best aligned on their last digit.</summary>
    Right,
}
