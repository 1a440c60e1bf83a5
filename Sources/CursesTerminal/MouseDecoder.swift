import CNcurses
import Explorer

/// Maps an ncurses `MEVENT` (button-state mask and cell position) to a `MouseEvent`.
/// Pure: tested without a terminal.
///
/// The backend asks only for button 1 press/release and the wheel (buttons 4 and 5), with
/// `mouseinterval(0)` so ncurses reports presses and releases as they happen instead of
/// synthesising clicks after a delay. A click that arrives anyway counts as a press.
public enum MouseDecoder {
    /// The events the backend asks `mousemask` for.
    public static var wantedMask: mmask_t {
        lm_button1_pressed() | lm_button1_released() | lm_button1_clicked()
            | lm_button4_pressed() | lm_button5_pressed()
    }

    /// The event for `state` at cell (x, y), or `nil` for buttons and motions the UI ignores.
    /// The wheel wins over button 1 if a report carries both.
    public static func decode(state: mmask_t, x: Int, y: Int) -> MouseEvent? {
        guard x >= 0, y >= 0 else { return nil }
        let wheelDown = lm_button5_pressed()
        if state & lm_button4_pressed() != 0 { return MouseEvent(kind: .wheelUp, x: x, y: y) }
        if wheelDown != 0 && state & wheelDown != 0 { return MouseEvent(kind: .wheelDown, x: x, y: y) }
        let press = lm_button1_pressed() | lm_button1_clicked()
            | lm_button1_double_clicked() | lm_button1_triple_clicked()
        if state & press != 0 { return MouseEvent(kind: .press, x: x, y: y) }
        if state & lm_button1_released() != 0 { return MouseEvent(kind: .release, x: x, y: y) }
        return nil
    }
}
