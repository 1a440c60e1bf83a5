/// Stitching accuracy (`stitch`): Csiszárik et al. 2021's functional similarity, with B's later
/// layers replaced by a linear readout. How well does B's readout classify A's layer once it
/// is mapped into B's space?
///
/// Needs `--labels FILE` (`ClassLabels`). On the fit half F of `regression`'s held-out split
/// (rows 0..<N/2; E = N/2..<N is held out), with both layers centred by their F means:
/// 1. B's readout: multinomial logistic regression on B (`SoftmaxReadout`, scikit-learn's
///    `LogisticRegression(C=1)` objective); acc_B is its accuracy on E.
/// 2. Maps M from A to B fitted on F, one per direct-matching measure: least squares
///    (`regression`, minimum norm), rank ≤ k (`regression-rank`, `--rank`, `ReducedRankFit`'s
///    M_LS V_k V_kᵀ), lasso (`regression-l1`, `--l1`, `LassoSolver`), and task loss
///    (`TaskLossMatching`: gradient descent on the readout's cross-entropy from M_LS).
/// 3. For each M, the stitched accuracy acc_M = the fraction of E whose class is the argmax of
///    (x_i − μ_F(A))ᵀ M W + b (the readout applied to A's mapped layer), and the relative
///    accuracy acc_M / acc_B.
///
///     stitch(A, B) = acc_task-loss / acc_B
///
/// Why task loss for the value: it is the functional similarity the paper puts beside the
/// direct matchings (does B's computation work on A's representation, given the best map
/// for B's task), and it is what the paper recommends stitching with; the least-squares
/// one, which asks B's representation to be reproduced, is in the extras with the others.
///
/// Range: [0, 1/acc_B], usually [0, about 1]; it exceeds 1 when the stitched network beats
/// B's own readout on E (the colour scale spans [0, 1]). Asymmetric. Invariances, stated
/// honestly: every accuracy is invariant to permuting A's neurons, and to any invertible
/// affine map of A for least squares and rank k (the fitted values do not change; up to
/// rounding). The lasso's is not (the L1 norm is not rotation invariant), and neither is the
/// task-loss map's: gradient descent is not invariant to a change of A's basis, only to
/// orthogonal maps of A (which leave X̃ᵀX̃'s spectrum and the trajectory of the logits
/// unchanged). B's readout is penalised, so no accuracy is invariant to rescaling B.
///
/// Undefined: no `--labels` (`needsLabels`); labels that do not fit the layers (count, one
/// class, a class absent from F); N < 4; mismatched sample counts; B's readout not converging
/// or classifying none of E (acc_B = 0: the relative accuracy would divide by zero).
/// Extras (all on E): `stitch_b_accuracy`; `stitch_<m>_accuracy` and `stitch_<m>_relative`
/// for m in `regression`, `regression_rank`, `regression_l1` (left out when the lasso did not
/// converge) and `task_loss`; `stitch_regression_rank_k` (the rank used, min(k, rank of the
/// fitted values)); `stitch_regression_train_ce` and `stitch_task_loss_train_ce`
/// (per-sample cross-entropy on F at the start and end of task-loss matching);
/// `stitch_task_loss_steps`.
///
/// Per layer: an SVD of the fit half, its Gram, and (with labels) the readout. Per pair:
/// O(|F|·D_A·D_B) for the maps, the lasso's sweeps, and up to `TaskLossMatching.maxSteps`
/// steps of O(|F|·D_A·K).
public struct StitchMeasure: TypedPairMeasure {
    public let metric: Metric = .stitch
    public let labels: ClassLabels?
    public let rank: Int
    public let alpha: Double

    /// The reason of every cell without labels.
    public static let needsLabels = "needs --labels FILE: class labels of the N inputs"

    public init(options: MetricOptions) {
        labels = options.labels
        rank = options.regressionRank
        alpha = options.l1Alpha
    }

    public var preparationKey: String { "stitch-\(labels?.fingerprint ?? "no-labels")" }

    public func prepareLayer(_ x: Matrix<Float>) throws -> StitchLayer { try StitchLayer(x, labels: labels) }

    public func compareLayers(_ a: StitchLayer, _ b: StitchLayer) -> PairOutcome {
        if labels == nil { return PairOutcome(value: .undefined(reason: Self.needsLabels)) }
        if a.sampleCount != b.sampleCount { return CanonicalCorrelations.mismatch(a.sampleCount, b.sampleCount) }
        if let problem = b.labelProblem { return PairOutcome(value: .undefined(reason: problem)) }
        guard let readout = b.readout, let labels = b.labels else {
            return PairOutcome(value: .undefined(reason: Self.needsLabels))
        }
        guard readout.converged else {
            return PairOutcome(value: .undefined(reason:
                "the column layer's readout did not converge: after \(readout.iterations) L-BFGS iterations the gradient is "
                + "\(NumberFormatting.short(readout.gradientMaxNorm)), above \(NumberFormatting.short(SoftmaxReadout.gradientTolerance))"))
        }
        guard b.ownAccuracy > 0 else {
            return PairOutcome(value: .undefined(reason:
                "the column layer's own readout classifies none of the \(b.evaluationRows.count) held-out samples, so there is no accuracy to compare with"))
        }
        let result = Stitching(a, b, readout: readout, labels: labels, rank: rank, alpha: alpha)
        return PairOutcome(value: .checked(result.taskLossAccuracy / b.ownAccuracy, otherwise: "the stitched accuracy is not finite"),
                           extras: result.extras(ownAccuracy: b.ownAccuracy))
    }

    public func preparedBytes(sampleCount n: Int, width d: Int) -> Double {
        StitchLayer.preparedBytes(sampleCount: n, width: d)
    }
}

/// The stitched accuracies of one pair (see `StitchMeasure`).
struct Stitching {
    var regressionAccuracy: Double
    var rankAccuracy: Double
    /// The rank used: min(k, rank of the fitted values), at least 1.
    var rankUsed: Int
    var lassoAccuracy: Double?
    var taskLossAccuracy: Double
    var taskLoss: TaskLossMatching.Fit

    init(_ a: StitchLayer, _ b: StitchLayer, readout: SoftmaxReadout, labels: ClassLabels, rank k: Int, alpha: Double) {
        let evalClasses = Array(labels.classIndices[a.evaluationRows])
        let fitClasses = Array(labels.classIndices[a.fitRows])
        let w = readout.weights, bias = readout.intercepts
        // Least squares: C = U_rᵀ Yc_F (r×D_B); M_LS = V_r S_r⁻¹ C; Ŷ_E = Xc_E M_LS.
        let c = BLAS.product(a.basis, transposeA: true, b.fit.centred)
        let mls = BLAS.product(a.inverseLoadings, c)                                  // D_A×D_B
        let predicted = BLAS.product(a.evaluation, mls)                               // |E|×D_B
        regressionAccuracy = SoftmaxCrossEntropy.accuracy(SoftmaxCrossEntropy.logits(predicted, w, bias), classes: evalClasses)
        // Rank ≤ k: Ŷ_E V_k V_kᵀ, V_k the top k right singular vectors of the fitted values U_r C.
        if let svd = LAPACK.svd(c) {
            let full = NumericalRank.rank(singularValues: svd.singularValues, rows: c.rows, cols: c.cols)
            let used = min(max(k, 1), max(full, 1)), dB = c.cols
            rankUsed = min(used, svd.vt.rows)
            var vk = Matrix<Double>(rows: dB, cols: min(used, svd.vt.rows))
            for i in 0..<dB { for j in 0..<vk.cols { vk.storage[i * vk.cols + j] = svd.vt.storage[j * dB + i] } }
            let reduced = BLAS.product(BLAS.product(predicted, vk), vk, transposeB: true)
            rankAccuracy = SoftmaxCrossEntropy.accuracy(SoftmaxCrossEntropy.logits(reduced, w, bias), classes: evalClasses)
        } else {
            rankAccuracy = regressionAccuracy
            rankUsed = 0
        }
        // Lasso on F with the same α as regression-l1's held-out fit.
        let xty = BLAS.product(a.fit.centred, transposeA: true, b.fit.centred)
        let lasso = LassoSolver.solve(gram: a.fit.gram, xty: xty, yNorms: b.fit.columnSquaredNorms, n: a.fit.sampleCount, alpha: alpha)
        if lasso.converged {
            let p = BLAS.product(a.evaluation, lasso.coefficients)
            lassoAccuracy = SoftmaxCrossEntropy.accuracy(SoftmaxCrossEntropy.logits(p, w, bias), classes: evalClasses)
        } else {
            lassoAccuracy = nil
        }
        // Task loss from M_LS.
        taskLoss = TaskLossMatching.fit(x: a.fit.centred, xSpectralNorm: a.augmentedSpectralNorm, start: BLAS.product(mls, w),
                                        readout: readout, readoutSpectralNorm: b.readoutSpectralNorm, classes: fitClasses)
        taskLossAccuracy = SoftmaxCrossEntropy.accuracy(TaskLossMatching.logits(a.evaluation, taskLoss, intercepts: bias),
                                                        classes: evalClasses)
    }

    func extras(ownAccuracy acc: Double) -> [String: Double] {
        var out: [String: Double] = [
            "stitch_b_accuracy": acc,
            "stitch_regression_accuracy": regressionAccuracy, "stitch_regression_relative": regressionAccuracy / acc,
            "stitch_regression_rank_accuracy": rankAccuracy, "stitch_regression_rank_relative": rankAccuracy / acc,
            "stitch_task_loss_accuracy": taskLossAccuracy, "stitch_task_loss_relative": taskLossAccuracy / acc,
            "stitch_regression_train_ce": taskLoss.startCrossEntropy, "stitch_task_loss_train_ce": taskLoss.crossEntropy,
            "stitch_task_loss_steps": Double(taskLoss.steps), "stitch_regression_rank_k": Double(rankUsed),
        ]
        if let l = lassoAccuracy { out["stitch_regression_l1_accuracy"] = l; out["stitch_regression_l1_relative"] = l / acc }
        return out.filter { $0.value.isFinite }
    }
}
