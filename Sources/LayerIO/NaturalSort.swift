/// "Natural" ordering of names, so that `layer2` sorts before `layer10`.
///
/// Names are split into runs of ASCII digits and runs of everything else. Digit runs compare by
/// numeric value (without converting, so arbitrarily long runs cannot overflow), other runs by
/// Unicode scalar values. Ties (`layer01` vs `layer1`) fall back to plain scalar comparison, which
/// keeps the order total and deterministic.
public enum NaturalSort {
    /// True when `a` sorts before `b` naturally.
    public static func areInIncreasingOrder(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                let (ri, rj) = (run(x, from: i), run(y, from: j))
                // Compare numerically: strip leading zeros, then longer is larger, then digit by digit.
                let di = Array(x[ri].drop { $0 == "0" }), dj = Array(y[rj].drop { $0 == "0" })
                if di.count != dj.count { return di.count < dj.count }
                for (p, q) in zip(di, dj) where p != q { return p.value < q.value }
                i = ri.upperBound
                j = rj.upperBound
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        if i < x.count || j < y.count { return j < y.count }  // a is a prefix of b
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }

    /// `names` sorted naturally.
    public static func sorted(_ names: [String]) -> [String] {
        names.sorted(by: areInIncreasingOrder)
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    private static func run(_ s: [Unicode.Scalar], from start: Int) -> Range<Int> {
        var end = start
        while end < s.count && isDigit(s[end]) { end += 1 }
        return start..<end
    }
}
