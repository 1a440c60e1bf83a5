/// Linear CKA's cross term split over principal components (Kornblith et al. 2019, eq. 7):
///
///     HSIC(K, L) = Σ_i Σ_j λ_X^i λ_Y^j ⟨u_X^i, u_Y^j⟩² / (n−1)²
///
/// where λ_X^i are the eigenvalues of XcᵀXc (squared singular values of the centred X),
/// u_X^i the unit-length principal-component scores (left singular vectors of Xc), and
/// likewise for Y. Each term is one pair of components' contribution to the biased HSIC.
public struct CKADecomposition: Sendable, Equatable {
    /// One (i, j) term of the double sum.
    public struct Contribution: Sendable, Equatable {
        /// Component indices (0-based, by decreasing eigenvalue) in X and in Y.
        public let i: Int
        public let j: Int
        /// λ_X^i and λ_Y^j (eigenvalues of XcᵀXc and YcᵀYc).
        public let lambdaX: Double
        public let lambdaY: Double
        /// ⟨u_X^i, u_Y^j⟩², the squared cosine between the two score vectors.
        public let alignment: Double
        /// λ_X^i λ_Y^j ⟨u_X^i, u_Y^j⟩² / (n−1)².
        public let value: Double
        /// value / HSIC(K, L), the share of the total.
        public let share: Double

        public init(i: Int, j: Int, lambdaX: Double, lambdaY: Double, alignment: Double, value: Double, share: Double) {
            self.i = i; self.j = j; self.lambdaX = lambdaX; self.lambdaY = lambdaY
            self.alignment = alignment; self.value = value; self.share = share
        }
    }

    /// HSIC(K, L) under the biased estimator: the sum over every (i, j).
    public let total: Double
    /// The largest contributions, largest first.
    public let top: [Contribution]
    /// Fraction of X's and Y's variance in each component, largest first (for context).
    public let explainedX: [Double]
    public let explainedY: [Double]

    public init(total: Double, top: [Contribution], explainedX: [Double], explainedY: [Double]) {
        self.total = total
        self.top = top
        self.explainedX = explainedX
        self.explainedY = explainedY
    }
}
