import Testing
import Similarity
import SimilarityTestSupport

/// `stitch` against scikit-learn (`LogisticRegression(C=1)` at tol = 1e-10 for B's readout,
/// `Lasso` for the sparse map) and numpy (least squares, reduced rank, the task-loss gradient
/// descent) on a seeded four-class case and on samples/ tanh-s0 layer3 → tanh-s1 layer3 with
/// the digit labels of samples/heldout.txt.
///
/// Tolerances: the readout's coefficients, intercepts and held-out probabilities to 1e-8 of the
/// Newton-refined minimiser and 3e-6 of scikit-learn's (see `readoutMatchesScikitLearn`);
/// accuracies exactly (they count samples);
/// the task-loss cross-entropies to 1e-6 relative (1000 steps from readouts that differ by
/// ~1e-8) and its step count exactly.
@Suite struct StitchingTests {
    static func options(_ c: StitchingReference.Case) -> MetricOptions {
        MetricOptions(regressionRank: c.rank, l1Alpha: c.alpha, labels: ClassLabels(c.labels, source: "labels"))
    }

    /// Against the objective's minimiser (Newton-refined in numpy, gradient ~1e-15) to 1e-8, and
    /// against scikit-learn's lbfgs, which stops on its ftol at a sum-form gradient near 1e-6,
    /// to 3e-6 (its own distance from the minimiser is ~1e-6).
    @Test func readoutMatchesScikitLearn() throws {
        for c in try StitchingReference.load().cases {
            let y = try StitchingReference.matrix(c.y)
            let layer = try StitchLayer(y, labels: ClassLabels(c.labels, source: "labels"))
            let r = try #require(layer.readout)
            #expect(r.converged && r.gradientMaxNorm <= SoftmaxReadout.gradientTolerance, "\(c.name): gradient \(r.gradientMaxNorm)")
            let p = r.probabilities(centred: layer.evaluation)
            for (reference, tol) in [(c.newtonReadout, 1e-8), (c.readout, 3e-6)] {
                let worstW = zip(r.weights.storage, reference.coef).map { abs($0 - $1) }.max() ?? .infinity
                #expect(r.weights.storage.count == reference.coef.count && worstW <= tol, "\(c.name): coefficients differ by \(worstW)")
                let worstB = zip(r.intercepts, reference.intercept).map { abs($0 - $1) }.max() ?? .infinity
                #expect(worstB <= tol, "\(c.name): intercepts differ by \(worstB)")
                let worstP = zip(p.storage, reference.heldoutProba).map { abs($0 - $1) }.max() ?? .infinity
                #expect(p.storage.count == reference.heldoutProba.count && worstP <= tol, "\(c.name): probabilities differ by \(worstP)")
            }
            #expect(layer.ownAccuracy == c.bAccuracy, "\(c.name)")
        }
    }

    @Test func stitchedAccuraciesMatchTheReference() throws {
        for c in try StitchingReference.load().cases {
            let x = try StitchingReference.matrix(c.x), y = try StitchingReference.matrix(c.y)
            let o = outcome(.stitch, x, y, options: Self.options(c))
            #expect(o.extras["stitch_b_accuracy"] == c.bAccuracy, "\(c.name)")
            #expect(o.extras["stitch_regression_accuracy"] == c.regressionAccuracy, "\(c.name)")
            #expect(o.extras["stitch_regression_rank_accuracy"] == c.regressionRankAccuracy, "\(c.name)")
            #expect(o.extras["stitch_regression_l1_accuracy"] == c.regressionL1Accuracy, "\(c.name)")
            #expect(o.extras["stitch_task_loss_accuracy"] == c.taskLossAccuracy, "\(c.name)")
            #expect(o.value.number == c.taskLossAccuracy / c.bAccuracy, "\(c.name): \(o.value)")
            #expect(o.extras["stitch_regression_relative"] == c.regressionAccuracy / c.bAccuracy, "\(c.name)")
            #expect(o.extras["stitch_task_loss_steps"] == Double(c.taskLossSteps), "\(c.name)")
            #expect(relativelyClose(o.extras["stitch_regression_train_ce"], c.regressionTrainCe, 1e-6), "\(c.name)")
            #expect(relativelyClose(o.extras["stitch_task_loss_train_ce"], c.taskLossTrainCe, 1e-6), "\(c.name)")
        }
    }

    /// Gradient descent with step 1/ℓ never raises the training loss: the task-loss map's
    /// cross-entropy is at most the least-squares map's it starts from.
    @Test func taskLossLowersTheTrainingCrossEntropy() throws {
        for c in try StitchingReference.load().cases {
            let x = try StitchingReference.matrix(c.x), y = try StitchingReference.matrix(c.y)
            let o = outcome(.stitch, x, y, options: Self.options(c))
            let start = try #require(o.extras["stitch_regression_train_ce"]), end = try #require(o.extras["stitch_task_loss_train_ce"])
            #expect(end <= start, "\(c.name): \(end) > \(start)")
        }
        let x = SeededLayers.layer(120, 7, seed: 61), y = SeededLayers.related(to: x, width: 5, seed: 62)
        let labels = (0..<120).map { i in (y[i, 0] > 0 ? 1 : 0) + (y[i, 1] > y[i, 2] ? 2 : 0) }
        let o = outcome(.stitch, x, y, options: MetricOptions(labels: ClassLabels(labels, source: "seeded")))
        #expect(o.extras["stitch_task_loss_train_ce"]! <= o.extras["stitch_regression_train_ce"]!)
    }

    /// Permuting A's neurons leaves every stitched accuracy unchanged; an orthogonal map of A
    /// leaves least squares, rank k and task loss unchanged (the lasso's L1 norm is not
    /// rotation invariant, so it is not checked there).
    @Test func invariances() throws {
        let c = try #require(try StitchingReference.load().cases.first { $0.name == "seeded_four_classes" })
        let x = try StitchingReference.matrix(c.x), y = try StitchingReference.matrix(c.y)
        let options = Self.options(c)
        let base = outcome(.stitch, x, y, options: options)
        let permuted = outcome(.stitch, x.selectingColumns([4, 0, 7, 2, 8, 1, 6, 3, 5]), y, options: options)
        for key in ["b_accuracy", "regression_accuracy", "regression_rank_accuracy", "regression_l1_accuracy", "task_loss_accuracy"] {
            #expect(permuted.extras["stitch_\(key)"] == base.extras["stitch_\(key)"], "permuted A: \(key)")
        }
        let rotated = outcome(.stitch, SeededLayers.transform(x, by: SeededLayers.orthogonal(9, seed: 63)), y, options: options)
        for key in ["b_accuracy", "regression_accuracy", "regression_rank_accuracy", "task_loss_accuracy"] {
            #expect(rotated.extras["stitch_\(key)"] == base.extras["stitch_\(key)"], "rotated A: \(key)")
        }
        #expect(rotated.value == base.value)
    }

    @Test func undefinedCases() throws {
        let x = SeededLayers.layer(40, 5, seed: 71), y = SeededLayers.layer(40, 4, seed: 72)
        let none = outcome(.stitch, x, y)
        #expect(none.value.reason == "needs --labels FILE: class labels of the N inputs")
        let short = outcome(.stitch, x, y, options: MetricOptions(labels: ClassLabels((0..<39).map { $0 % 2 }, source: "l.txt")))
        #expect(short.value.reason == "l.txt: holds 39 labels while the models have N = 40 samples", "\(short.value)")
        let oneClass = outcome(.stitch, x, y, options: MetricOptions(labels: ClassLabels([Int](repeating: 3, count: 40), source: "l.txt")))
        #expect(oneClass.value.reason?.contains("all 40 labels are 3; stitching needs at least 2 classes") == true, "\(oneClass.value)")
        let lateClass = outcome(.stitch, x, y, options: MetricOptions(labels: ClassLabels((0..<40).map { $0 < 30 ? $0 % 2 : 7 }, source: "l.txt")))
        #expect(lateClass.value.reason?.contains("class 7 never occurs in the training half (samples 0..<20)") == true, "\(lateClass.value)")
        let tiny = outcome(.stitch, SeededLayers.layer(3, 2, seed: 73), SeededLayers.layer(3, 2, seed: 74),
                           options: MetricOptions(labels: ClassLabels([0, 1, 0], source: "l.txt")))
        #expect(tiny.value.reason?.contains("stitching needs at least 4") == true, "\(tiny.value)")
        // B's readout right on no held-out sample: train on one labelling, test on its swap.
        let b = Matrix<Float>(rows: 8, cols: 1, storage: [0, 0, 1, 1, 1, 1, 0, 0])
        let flipped = outcome(.stitch, b, b, options: MetricOptions(labels: ClassLabels([0, 0, 1, 1, 0, 0, 1, 1], source: "l.txt")))
        #expect(flipped.value.reason?.contains("classifies none of the 4 held-out samples") == true, "\(flipped.value)")
        #expect(Metric.stitch.isSymmetric == false)
    }

    /// The permutation test and bootstrap would pair the labels with other samples: refused.
    @Test func significanceIsRefused() {
        let x = SeededLayers.layer(40, 5, seed: 81), y = SeededLayers.related(to: x, width: 4, seed: 82)
        let labels = ClassLabels((0..<40).map { $0 % 3 }, source: "l.txt")
        let test = PermutationTest(measure: StitchMeasure(options: MetricOptions(labels: labels)))
        #expect(throws: SimilarityError.self) { try test.run(x: x, y: y, permutations: 5, bootstrap: 5, seed: 1) }
        #expect(PermutationTest.refusal(.stitch) != nil && PermutationTest.refusal(.regression) == nil)
    }

    /// Labels enter the cache key and the preparation key by their content.
    @Test func labelsEnterTheKeys() {
        let a = MetricOptions(labels: ClassLabels([0, 1, 0, 1], source: "a.txt"))
        let b = MetricOptions(labels: ClassLabels([0, 1, 1, 0], source: "a.txt"))
        let same = MetricOptions(labels: ClassLabels([0, 1, 0, 1], source: "elsewhere.npy"))
        #expect(a.cacheKeySuffix != b.cacheKeySuffix && a.cacheKeySuffix == same.cacheKeySuffix)
        #expect(a.cacheKeySuffix != MetricOptions().cacheKeySuffix)
        #expect(StitchMeasure(options: a).preparationKey != StitchMeasure(options: b).preparationKey)
        #expect(ClassLabels([5, -2, 5, 9], source: "x").classes == [-2, 5, 9])
        #expect(ClassLabels([5, -2, 5, 9], source: "x").classIndices == [1, 0, 1, 2])
    }
}
