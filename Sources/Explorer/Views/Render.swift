import Similarity

/// Draws the whole frame for `state` into `buffer`, resizing the buffer to the state's
/// size: the too-small notice, or the help screen, or the title, the body (the screen's
/// grid, or the details panel over it), the screen's legend and the status bar (with the
/// prompt when it is open). Pure: the same state always gives the same cells.
/// Cost: O(visible cells), plus O(rows × cols) scans only for the visible rows' best-match
/// marks.
public func render(_ state: AppState, into buffer: inout CellBuffer) {
    if buffer.width != state.size.width || buffer.height != state.size.height {
        buffer = CellBuffer(width: state.size.width, height: state.size.height)
    } else {
        buffer.clear()
    }
    let layout = state.layout
    if layout.isTooSmall {
        TooSmallNotice.draw(size: state.size, times: state.glyphs.times, into: &buffer)
        return
    }
    // The overlay shown covers the screen: the help screen all of it, a panel the body.
    switch state.overlay?.shown {
    case .help(let help)?:
        HelpScreen.draw(help, state, into: &buffer)
        return
    case .panel(let panel)?:
        TitleBar.draw(state, layout, into: &buffer)
        PanelView.draw(panel, state, layout, into: &buffer)
    case .picker(let picker)?:
        TitleBar.draw(state, layout, into: &buffer)
        PickerView.draw(picker, state, layout, into: &buffer)
    case .prompt?, .quitConfirmation?, nil:
        if let o = state.overview {
            OverviewView.draw(o, state, into: &buffer)
            StatusBar.draw(state, layout, into: &buffer)
            OverviewView.drawStatus(o, state, into: &buffer)
            return
        }
        TitleBar.draw(state, layout, into: &buffer)
        switch state.screen {
        case .grid where state.difference != nil: DifferenceHeatmap.draw(state, layout, into: &buffer)
        case .grid: HeatmapView.draw(state, layout, into: &buffer)
        case .baseline: BaselineView.draw(state, layout, into: &buffer)
        }
    }
    switch state.screen {
    case .grid where state.difference != nil: DifferenceLegend.draw(state, y: layout.legendY, into: &buffer)
    case .grid: LegendView.draw(state, y: layout.legendY, into: &buffer)
    case .baseline: BaselineLegend.draw(state, y: layout.legendY, into: &buffer)
    }
    StatusBar.draw(state, layout, into: &buffer)
}

/// The frame for `state` in a new buffer.
public func render(_ state: AppState) -> CellBuffer {
    var buffer = CellBuffer(width: state.size.width, height: state.size.height)
    render(state, into: &buffer)
    return buffer
}
