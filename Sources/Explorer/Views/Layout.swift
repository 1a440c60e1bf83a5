import Similarity

/// Where everything goes on a screen of a given size: a pure function of the state, used
/// by `render` to draw and by `update` to keep the cursor in view and to hit-test clicks.
///
/// Rows, top to bottom:
/// ```
/// 0            title: "relu-s0 × relu-s1 — linear CKA" and the viewport position
/// 1 …          column header (index ruler; in the values zoom also names), then grid rows
///              (or the details panel, which uses every body row)
/// H-4          colour legend
/// H-3          the cursor cell: names and value (or why it is undefined)
/// H-2          messages, search matches, job progress and ETA
/// H-1          key hints, or the prompt
/// ```
/// Columns of the grid body: row labels (`index name`), one blank, then the cells. Row
/// labels show the full layer names when the longest fits in the label column (at most a
/// quarter of the width, 10 to 28 columns; with `LabelWidth.wide` up to half the width);
/// otherwise the names without their shared prefix (`AxisNames`), with its pattern
/// (`encoder.layer.*`) once above them in the header.
///
/// The column header is the index ruler, and below it a row of column names: always in the
/// values zoom, and in the other zooms when the names say more than the indices do (not for
/// `layer0` … `layerN`, whose cores are the indices).
public struct Layout: Sendable, Equatable {
    /// Below this, only a notice is shown.
    public static let minimumSize = TerminalSize(width: 40, height: 12)

    public let width: Int
    public let height: Int
    /// True when the terminal is smaller than `minimumSize`.
    public let isTooSmall: Bool

    public let titleY = 0
    /// Body rows: `bodyTop..<bodyBottom`.
    public let bodyTop = 1
    public let bodyBottom: Int
    public let legendY: Int
    public let cellLineY: Int
    public let infoLineY: Int
    public let hintLineY: Int

    /// Screen columns per cell.
    public let cellWidth: Int
    /// Width of the row-label column, including the index.
    public let labelWidth: Int
    /// Whether row labels show the names without their shared prefix (the full names
    /// would not fit).
    public let shortRowNames: Bool
    /// Digits of the largest row index.
    public let rowIndexWidth: Int
    /// Rows of the column header.
    public let headerHeight: Int
    /// Top-left screen cell of the grid's cells.
    public let gridX: Int
    public let gridY: Int
    /// How many rows and columns of cells fit (at least 1 each).
    public let visibleRowCapacity: Int
    public let visibleColCapacity: Int

    /// - Parameter rowNames: the row model's layer names (their length sets the label column).
    public init(size: TerminalSize, rowNames: [String], zoom: Zoom) {
        self.init(size: size, rowCount: rowNames.count, rowNames: AxisNames(rowNames), zoom: zoom)
    }

    /// - Parameters:
    ///   - rowCount: one more than the largest row index the labels write (it sets the index
    ///     width): the row count, or under a layer filter the last shown real index + 1.
    ///   - rowNames: the row model's layer names, full and short (their lengths set the label column).
    ///   - cellWidth: the screen columns per cell, when not the zoom's (the values zoom at 4
    ///     or 6 decimals).
    ///   - labels: how wide the label column may grow.
    ///   - columnNames: whether the other zooms add a row of column names to the header.
    public init(size: TerminalSize, rowCount: Int, rowNames: AxisNames, zoom: Zoom, cellWidth: Int? = nil,
                labels: LabelWidth = .fit, columnNames: Bool = false) {
        width = size.width
        height = size.height
        isTooSmall = size.width < Layout.minimumSize.width || size.height < Layout.minimumSize.height
        bodyBottom = max(bodyTop, height - 4)
        legendY = height - 4
        cellLineY = height - 3
        infoLineY = height - 2
        hintLineY = height - 1
        self.cellWidth = cellWidth ?? zoom.cellWidth

        rowIndexWidth = String(max(0, rowCount - 1)).count
        let cap = labels.cap(width: width)
        if rowIndexWidth + 1 + rowNames.longestName <= cap {
            shortRowNames = false
            labelWidth = rowIndexWidth + 1 + rowNames.longestName
        } else {
            shortRowNames = !rowNames.prefix.isEmpty
            labelWidth = min(cap, rowIndexWidth + 1 + rowNames.longestShort)
        }
        headerHeight = zoom == .values || columnNames ? 2 : 1
        gridX = labelWidth + 1
        gridY = bodyTop + headerHeight
        visibleRowCapacity = max(1, bodyBottom - gridY)
        visibleColCapacity = max(1, (width - gridX) / self.cellWidth)
    }

    /// The layout for the state's size, pair, zoom, precision, label width and filter.
    /// Cells are wider in the values zoom at 4 or 6 decimals (the grid screen's only).
    public init(_ state: AppState) {
        let wide = state.zoom == .values && state.screen == .grid ? state.precision.valuesCellWidth : nil
        let lastIndex = state.shownRows?.max() ?? (state.rowCount - 1)
        self.init(size: state.size, rowCount: lastIndex + 1, rowNames: state.rowAxisNames, zoom: state.zoom,
                  cellWidth: wide, labels: state.labelWidth, columnNames: !state.colAxisNames.coresAreIndices)
    }

    /// Rows of the details panel / help screen body.
    public var bodyHeight: Int { max(0, bodyBottom - bodyTop) }

    /// The screen x of column `col` of the grid when the viewport starts at `left`.
    public func cellX(col: Int, left: Int) -> Int { gridX + (col - left) * cellWidth }

    /// The screen y of row `row` when the viewport starts at `top`.
    public func cellY(row: Int, top: Int) -> Int { gridY + (row - top) }
}
