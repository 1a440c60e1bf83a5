extension CentredColumns {
    /// Whether `self` goes first in a product with `other` under the canonical operand order:
    /// the narrower layer first; at equal widths, the one whose raw values (then means) compare
    /// lower bit pattern by bit pattern. Products taken in this order make a pair's cross term
    /// independent of which layer is the row, so a grid and its transpose hold the same bits.
    /// Layers holding identical values compare equal, and either order gives the same product.
    /// - Complexity: O(position of the first differing value).
    public func precedes(_ other: CentredColumns) -> Bool {
        if width != other.width { return width < other.width }
        if sampleCount != other.sampleCount { return sampleCount < other.sampleCount }
        let order: Bool? = raw.storage.withUnsafeBufferPointer { a in
            other.raw.storage.withUnsafeBufferPointer { b in
                for k in 0..<min(a.count, b.count) where a[k].bitPattern != b[k].bitPattern {
                    return a[k].bitPattern < b[k].bitPattern
                }
                return nil
            }
        }
        if let order { return order }
        for (u, v) in zip(means, other.means) where u.bitPattern != v.bitPattern { return u.bitPattern < v.bitPattern }
        return true
    }
}
