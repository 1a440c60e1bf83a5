/// Order statistics without a full sort.
public enum Selection {
    /// The k-th smallest element (0-based) of `values`, which is reordered in place so that
    /// every element before index k is ≤ the result and every element after it is ≥.
    /// - Complexity: expected O(n) (quickselect with a median-of-three pivot).
    public static func kthSmallest(_ values: inout [Double], _ k: Int) -> Double {
        precondition(k >= 0 && k < values.count, "k = \(k) outside 0..<\(values.count)")
        return values.withUnsafeMutableBufferPointer { v -> Double in
            var lo = 0, hi = v.count - 1
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                // Median of three as the pivot value.
                let a = v[lo], b = v[mid], c = v[hi]
                let pivot = max(min(a, b), min(max(a, b), c))
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return v[k] }
            }
            return v[k]
        }
    }

    /// The median as numpy's `np.median` defines it: the middle element, or the mean of the
    /// two middle elements when the count is even. `values` is reordered.
    /// - Precondition: `values` is non-empty and holds no NaN.
    public static func median(_ values: inout [Double]) -> Double {
        let n = values.count
        precondition(n > 0, "median of nothing")
        let upper = kthSmallest(&values, n / 2)
        if n % 2 == 1 { return upper }
        // After selection every element before n/2 is ≤ upper; the lower middle is their maximum.
        var lower = -Double.infinity
        for i in 0..<(n / 2) where values[i] > lower { lower = values[i] }
        return (lower + upper) / 2
    }
}
