/// A dense, row-major matrix of `rows × cols` elements held in one contiguous array.
///
/// Element (i, j) lives at `storage[i * cols + j]`. Activations are kept as `Matrix<Float>`
/// (N samples × D neurons); statistics that need more precision use `Matrix<Double>`.
/// Shapes are validated where a matrix is built, so later code may index without checks.
public struct Matrix<Element: Sendable & Numeric>: Sendable {
    /// Number of rows (for activations: samples, N).
    public let rows: Int
    /// Number of columns (for activations: neurons, D).
    public let cols: Int
    /// Row-major elements; `storage.count == rows * cols`.
    public var storage: [Element]

    /// A matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Element = .zero) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.cols = cols
        self.storage = Array(repeating: value, count: rows * cols)
    }

    /// Wraps row-major `storage`, which must hold exactly `rows * cols` elements.
    public init(rows: Int, cols: Int, storage: [Element]) {
        precondition(rows >= 0 && cols >= 0 && storage.count == rows * cols,
                     "storage holds \(storage.count) elements, not \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.storage = storage
    }

    /// Builds a matrix from nested rows; every row must have the same length.
    public init(_ nested: [[Element]]) {
        let r = nested.count
        let c = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == c }, "ragged rows")
        self.init(rows: r, cols: c, storage: nested.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, col: Int) -> Element {
        get { storage[row * cols + col] }
        set { storage[row * cols + col] = newValue }
    }

    /// The shape as text, "rows×cols", for error messages.
    public var shapeDescription: String { "\(rows)×\(cols)" }

    /// Row `i` as an array.
    public func row(_ i: Int) -> [Element] {
        Array(storage[(i * cols)..<((i + 1) * cols)])
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Element] {
        (0..<rows).map { storage[$0 * cols + j] }
    }

    /// The transpose, `cols × rows`.
    public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for i in 0..<rows {
            for j in 0..<cols { out.storage[j * rows + i] = storage[i * cols + j] }
        }
        return out
    }

    /// Rows `range` as a new matrix (`range.count × cols`).
    public func rowSlice(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, cols: cols,
               storage: Array(storage[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// The rows picked by `indices`, in that order (used for permutations and bootstrap).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var out = [Element]()
        out.reserveCapacity(indices.count * cols)
        for i in indices { out.append(contentsOf: storage[(i * cols)..<((i + 1) * cols)]) }
        return Matrix(rows: indices.count, cols: cols, storage: out)
    }

    /// The columns picked by `indices`, in that order.
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var out = [Element]()
        out.reserveCapacity(rows * indices.count)
        for i in 0..<rows {
            let base = i * cols
            for j in indices { out.append(storage[base + j]) }
        }
        return Matrix(rows: rows, cols: indices.count, storage: out)
    }
}

extension Matrix where Element == Float {
    /// Widens every element to `Double`.
    public func toDouble() -> Matrix<Double> {
        Matrix<Double>(rows: rows, cols: cols, storage: storage.map(Double.init))
    }
}

extension Matrix where Element == Double {
    /// Narrows every element to `Float` (round to nearest).
    public func toFloat() -> Matrix<Float> {
        Matrix<Float>(rows: rows, cols: cols, storage: storage.map(Float.init))
    }

    /// ‖A‖²_F, the sum of squared elements, in storage order.
    public var squaredFrobeniusNorm: Double {
        storage.withUnsafeBufferPointer { p in
            var acc = 0.0
            for v in p { acc += v * v }
            return acc
        }
    }
}
