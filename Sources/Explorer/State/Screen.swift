/// What fills the body: the grid of a model pair, or the seed baseline of two groups.
/// Exactly one screen is shown at a time; an `Overlay` may cover it.
///
/// Both screens share the cursor, the viewport, the zoom, the selection and the search
/// (`Update+Navigation`, `Update+Search`); each decides the keys that mean something else
/// on it (`Screen+Grid`, `Baseline/Screen+Baseline`).
public enum Screen: Sendable, Equatable {
    /// The grid of `AppState.pair` under `AppState.metric`: rows are the row model's layers,
    /// columns the column model's.
    case grid
    /// The seed-baseline view (only with `Session.baseline`): rows and columns are the
    /// groups' shared layers, each cell the difference within − across.
    case baseline
}
