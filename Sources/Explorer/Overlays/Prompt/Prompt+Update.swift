/// The prompt's own keys: editing keys from the key table, characters typed into the text.
/// What a confirmed text means (an export, a search) is the app's, so the prompt answers
/// with a `Reply` that `AppState.promptKey` acts on.
extension Prompt {
    /// What a key on the prompt asks of the app.
    public enum Reply: Sendable, Equatable {
        /// The text changed by an editing key (or did not: Backspace on an empty text).
        case edited(Prompt)
        /// A character was typed into the text (an error message about the old text goes).
        case typed(Prompt)
        /// Esc: close the prompt.
        case cancelled
        /// Enter: do what the prompt asked for with this text.
        case confirmed(Prompt)
        /// Ctrl-C and Ctrl-L still quit and redraw from the prompt.
        case perform(Action)
        /// Any other key does nothing.
        case ignored
    }

    /// The reply to one key.
    public func update(_ key: Key) -> Reply {
        let map = KeyMap.standard
        if let action = map.action(for: key, in: .prompt) {
            var p = self
            switch action {
            case .promptConfirm: return .confirmed(self)
            case .promptCancel: return .cancelled
            case .promptDeleteBackward: if !p.text.isEmpty { p.text.removeLast() }
            case .promptClear: p.text = ""
            default: break
            }
            return .edited(p)
        }
        switch key {
        case .character(let c):
            var p = self
            p.text.append(c)
            return .typed(p)
        case .control:
            if let a = map.action(for: key, in: .global), a == .quit || a == .redraw { return .perform(a) }
            return .ignored
        default:
            return .ignored
        }
    }
}

extension AppState {
    /// A key while the prompt is on top.
    mutating func promptKey(_ prompt: Prompt, _ key: Key) -> [Effect] {
        switch prompt.update(key) {
        case .edited(let p):
            overlay = .prompt(p)
        case .typed(let p):
            overlay = .prompt(p)
            if message?.kind == .error { message = nil }
        case .cancelled:
            overlay = nil
        case .confirmed(let p):
            return confirmPrompt(p)
        case .perform(let action):
            return perform(action)
        case .ignored:
            break
        }
        return []
    }

    /// Enter on the prompt: an export, a layer filter or a colour range keeps the prompt
    /// open while its text is wrong; a search closes it and jumps to the first match.
    mutating func confirmPrompt(_ p: Prompt) -> [Effect] {
        switch p.kind {
        case .export: return confirmExport(p.text)
        case .search:
            overlay = nil
            runSearch(p.text)
            return []
        case .filter:
            applyLayerFilter(p.text)
            return []
        case .range:
            applyFixedRange(p.text)
            return []
        }
    }
}
