import CNcurses
import Explorer
import Testing
@testable import CursesTerminal

@Suite("Mouse decoding")
struct MouseDecoderTests {
    @Test("button 1 press, click and release; wheel up and down")
    func buttons() {
        #expect(MouseDecoder.decode(state: lm_button1_pressed(), x: 4, y: 2) == MouseEvent(kind: .press, x: 4, y: 2))
        #expect(MouseDecoder.decode(state: lm_button1_clicked(), x: 0, y: 0) == MouseEvent(kind: .press, x: 0, y: 0))
        #expect(MouseDecoder.decode(state: lm_button1_double_clicked(), x: 1, y: 1)?.kind == .press)
        #expect(MouseDecoder.decode(state: lm_button1_released(), x: 79, y: 23) == MouseEvent(kind: .release, x: 79, y: 23))
        #expect(MouseDecoder.decode(state: lm_button4_pressed(), x: 9, y: 3) == MouseEvent(kind: .wheelUp, x: 9, y: 3))
        #expect(MouseDecoder.decode(state: lm_button5_pressed(), x: 9, y: 3) == MouseEvent(kind: .wheelDown, x: 9, y: 3))
    }

    @Test("the wheel wins over button 1; other buttons, motion and off-screen are ignored")
    func ignored() {
        #expect(MouseDecoder.decode(state: lm_button4_pressed() | lm_button1_pressed(), x: 1, y: 1)?.kind == .wheelUp)
        #expect(MouseDecoder.decode(state: lm_button2_pressed(), x: 1, y: 1) == nil)
        #expect(MouseDecoder.decode(state: lm_button3_pressed(), x: 1, y: 1) == nil)
        #expect(MouseDecoder.decode(state: 0, x: 1, y: 1) == nil)
        #expect(MouseDecoder.decode(state: lm_button1_pressed(), x: -1, y: 0) == nil)
    }

    @Test("the mask asks for button 1 and the wheel, not motion")
    func mask() {
        let mask = MouseDecoder.wantedMask
        #expect(mask & lm_button1_pressed() != 0)
        #expect(mask & lm_button1_released() != 0)
        #expect(mask & lm_button4_pressed() != 0)
        #expect(mask & lm_button5_pressed() != 0)
        #expect(mask & lm_button3_pressed() == 0)
        #expect(mask & lm_report_mouse_position() == 0)
    }
}
