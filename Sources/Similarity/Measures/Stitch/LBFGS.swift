/// Limited-memory BFGS (Nocedal & Wright 2006, Algorithm 7.4, the two-loop recursion) for a
/// smooth function of a vector, with a backtracking line search.
///
/// Used for the stitching readout's convex objective (`SoftmaxReadout`), where it reaches a
/// gradient of about 1e-10 in tens to hundreds of iterations at O(m·p) per iteration beyond the
/// function itself (p parameters, m = `memory` pairs), while Newton's method would form and
/// factor a p×p Hessian, p = K·(D+1) (1 290 for ten classes on a 128-wide layer; 41 000 on a
/// 4 096-wide one).
///
/// Line search: from step 1 (1/‖g‖ on the first iteration), halve until Armijo's condition
/// f(θ + αd) ≤ f(θ) + 1e-4·α·gᵀd holds. Close to the minimum the decrease falls below the
/// rounding of f, so a step is also accepted when f grew by at most 1e-13·|f| and the slope
/// along d shrank to |g(θ + αd)ᵀd| ≤ 0.9·|gᵀd| (Hager and Zhang's approximate Wolfe
/// condition, which tests the gradient, still accurate there, instead of f). A pair (s, y)
/// with sᵀy ≤ 0 is not stored (it cannot occur for a strictly convex f).
///
/// Stopping rule: ‖g‖_∞ ≤ `gradientTolerance`; or `maxIterations`; or a line search that
/// finds no acceptable step in 60 halvings (progress stopped at rounding level). The caller
/// decides from the returned gradient whether the result is good enough.
public enum LBFGS {
    /// The result of a minimisation.
    public struct Result: Sendable {
        /// θ at the end.
        public var x: [Double]
        /// f(θ).
        public var value: Double
        /// ‖∇f(θ)‖_∞.
        public var gradientMaxNorm: Double
        /// Iterations taken.
        public var iterations: Int
        /// Whether ‖g‖_∞ reached the tolerance.
        public var converged: Bool
    }

    /// Minimises `f` from `start`.
    /// - Parameters:
    ///   - start: θ₀ (length p).
    ///   - gradientTolerance: stop when ‖∇f‖_∞ is at most this.
    ///   - maxIterations: the most iterations.
    ///   - memory: m, the (s, y) pairs kept.
    ///   - f: returns f(θ) and writes ∇f(θ) (length p) into its second argument.
    public static func minimise(start: [Double], gradientTolerance: Double, maxIterations: Int = 10_000,
                                memory: Int = 10, _ f: ([Double], inout [Double]) -> Double) -> Result {
        let p = start.count
        var x = start
        var g = [Double](repeating: 0, count: p)
        var fx = f(x, &g)
        var ss: [[Double]] = [], ys: [[Double]] = [], rhos: [Double] = []
        var iterations = 0
        var gNew = g
        while iterations < maxIterations {
            let gmax = g.reduce(0) { max($0, abs($1)) }
            if !(gmax > gradientTolerance) { break }
            iterations += 1
            // Two-loop recursion: d = −H g.
            var q = g
            var alphas = [Double](repeating: 0, count: ss.count)
            for i in stride(from: ss.count - 1, through: 0, by: -1) {
                let a = rhos[i] * dot(ss[i], q)
                alphas[i] = a
                axpy(-a, ys[i], &q)
            }
            if let sLast = ss.last, let yLast = ys.last {
                let gamma = dot(sLast, yLast) / dot(yLast, yLast)
                for j in 0..<p { q[j] *= gamma }
            } else {
                let gn = dot(g, g).squareRoot()
                for j in 0..<p { q[j] /= gn }
            }
            for i in 0..<ss.count {
                let b = rhos[i] * dot(ys[i], q)
                axpy(alphas[i] - b, ss[i], &q)
            }
            var d = q.map { -$0 }
            var slope = dot(g, d)
            if !(slope < 0) {                       // not a descent direction: restart from −g
                ss.removeAll(); ys.removeAll(); rhos.removeAll()
                d = g.map { -$0 }
                slope = dot(g, d)
            }
            var step = 1.0
            var accepted = false
            var xNew = x, fNew = fx
            for _ in 0..<60 {
                for j in 0..<p { xNew[j] = x[j] + step * d[j] }
                fNew = f(xNew, &gNew)
                if fNew.isFinite {
                    if fNew <= fx + 1e-4 * step * slope { accepted = true; break }
                    if fNew - fx <= 1e-13 * abs(fx), abs(dot(gNew, d)) <= 0.9 * abs(slope) { accepted = true; break }
                }
                step *= 0.5
            }
            guard accepted else { break }
            var s = [Double](repeating: 0, count: p), y = s
            for j in 0..<p { s[j] = xNew[j] - x[j]; y[j] = gNew[j] - g[j] }
            let sy = dot(s, y)
            if sy > 0 {
                if ss.count == memory { ss.removeFirst(); ys.removeFirst(); rhos.removeFirst() }
                ss.append(s); ys.append(y); rhos.append(1 / sy)
            }
            x = xNew; fx = fNew; g = gNew
        }
        let gmax = g.reduce(0) { max($0, abs($1)) }
        return Result(x: x, value: fx, gradientMaxNorm: gmax, iterations: iterations, converged: gmax <= gradientTolerance)
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += a[i] * b[i] }
        return s
    }

    static func axpy(_ a: Double, _ x: [Double], _ y: inout [Double]) {
        for i in y.indices { y[i] += a * x[i] }
    }
}
