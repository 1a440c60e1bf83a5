extension KernelForm {
    /// The cheaper exact form of the linear kernel for a grid, by floating-point operations:
    ///
    /// - `.gram`: n²·d per layer (one `ssyrk`) plus n² per pair (an inner product of two
    ///   n×n matrices), so n²·(Σd_rows + Σd_cols) + n²·pairs;
    /// - `.features`: n·d² per layer for its self term plus n·d_X·d_Y per pair (XᵀY),
    ///   so n·(Σd²) + n·Σd_X·Σd_Y.
    ///
    /// Narrow layers against many samples favour features; wide layers favour Gram matrices.
    /// This is the cost in time only: whether a form fits in memory is the engine's memory
    /// plan's decision (`MemoryPlan.inMemoryForm`), which asks this first.
    public static func cheapest(sampleCount n: Int, rowWidths: [Int], colWidths: [Int]) -> KernelForm {
        let nd = Double(n)
        let sumRows = Double(rowWidths.reduce(0, +)), sumCols = Double(colWidths.reduce(0, +))
        let pairs = Double(rowWidths.count * colWidths.count)
        let gram = nd * nd * (sumRows + sumCols) + nd * nd * pairs
        let selfTerms = (rowWidths + colWidths).reduce(0.0) { $0 + Double($1) * Double($1) }
        let features = nd * selfTerms + nd * sumRows * sumCols
        return gram < features ? .gram : .features
    }
}
