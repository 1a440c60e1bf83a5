/// The class labels of the N inputs (`--labels FILE`), for the stitching measure.
///
/// `values[i]` is the label of sample i, in the layers' sample order. Labels are any integers;
/// the classes are their distinct values in ascending order (scikit-learn's `classes_`), and
/// `classIndices[i]` is the position of sample i's class among them (0..<K). `fingerprint`
/// is a digest of the values, so a cache key built from it changes whenever one label does
/// (the file's path does not enter it: the same labels from another file are the same input).
public struct ClassLabels: Sendable, Hashable, Codable {
    /// The file the labels were read from, for messages.
    public let source: String
    /// The label of every sample (length N).
    public let values: [Int]
    /// The distinct labels, ascending (length K).
    public let classes: [Int]
    /// For every sample, the index of its label in `classes` (length N, values in 0..<K).
    public let classIndices: [Int]
    /// A content digest of `values` (hex), for cache keys.
    public let fingerprint: String

    /// - Parameters:
    ///   - values: one label per sample, in sample order.
    ///   - source: where they came from (a path), for messages.
    public init(_ values: [Int], source: String) {
        self.source = source
        self.values = values
        let classes = Array(Set(values)).sorted()
        self.classes = classes
        var position: [Int: Int] = [:]
        for (k, c) in classes.enumerated() { position[c] = k }
        classIndices = values.map { position[$0]! }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in values {
            var u = UInt64(bitPattern: Int64(v))
            for _ in 0..<8 { h = (h ^ (u & 0xff)) &* 0x100_0000_01b3; u >>= 8 }
        }
        fingerprint = String(h, radix: 16) + "-\(values.count)"
    }

    /// N, the number of labels.
    public var count: Int { values.count }

    /// The labels of the samples `range` (for `--samples`), from the same source.
    public func slice(_ range: Range<Int>) -> ClassLabels {
        ClassLabels(Array(values[range]), source: source)
    }

    /// Why these labels cannot serve layers of `sampleCount` samples, as a sentence naming
    /// the file, or `nil` when they can: the count must be N, there must be at least two
    /// classes, and every class must occur in the training half (rows 0..<N/2, the fit half of
    /// `HeldOutRegressionLayer`), since the readout cannot learn a class it never sees.
    public func problem(sampleCount n: Int) -> String? {
        if count != n {
            return "\(source): holds \(count) label\(count == 1 ? "" : "s") while the models have N = \(n) samples"
        }
        if classes.count < 2 {
            return "\(source): all \(n) labels are \(classes.first.map(String.init) ?? "absent"); stitching needs at least 2 classes"
        }
        if n < HeldOutRegressionLayer.minimumSamples {
            return "\(source): N = \(n) samples; stitching needs at least \(HeldOutRegressionLayer.minimumSamples) (two per half)"
        }
        let seen = Set(values[0..<(n / 2)])
        let missing = classes.filter { !seen.contains($0) }
        if !missing.isEmpty {
            return "\(source): class\(missing.count == 1 ? "" : "es") \(missing.map(String.init).joined(separator: ", ")) "
                + "never occur\(missing.count == 1 ? "s" : "") in the training half (samples 0..<\(n / 2)), so the readout cannot learn "
                + (missing.count == 1 ? "it" : "them")
        }
        return nil
    }
}
