/// How far a deflated .npz member may inflate, checked before a byte is inflated.
///
/// A member's declared size is what inflating it costs: that many bytes of temporary disk,
/// mapped, and read. A zip bomb declares far more than it stores (a 2 MB file declaring 2 GB),
/// so two bounds apply, and a member beyond either is a one-line error that names both knobs:
/// - `maxBytes` (the command's `--memory` budget): no member inflates to more;
/// - `maxRatio` (`--max-inflate-ratio`, default 100): no member larger than `ratioFloor`
///   (16 MiB) inflates to more than `maxRatio` × its compressed size. Activations rarely
///   compress by more than 10:1; an all-zero layer is the usual exception, and small ones pass.
public struct InflationLimit: Sendable, Equatable {
    public var maxBytes: Int
    public var maxRatio: Int
    /// Members up to this size are not held to the ratio.
    public static let ratioFloor = 16 << 20
    public static let defaultRatio = 100

    public init(maxBytes: Int = Int.max, maxRatio: Int = InflationLimit.defaultRatio) {
        self.maxBytes = maxBytes
        self.maxRatio = maxRatio
    }

    /// Why a member of these sizes may not be inflated, or nil.
    func problem(uncompressed: Int, compressed: Int) -> String? {
        if uncompressed > maxBytes {
            return "the member inflates to \(uncompressed) bytes, more than the memory budget of \(maxBytes); pass a larger --memory to allow it"
        }
        let (bound, overflow) = max(compressed, 1).multipliedReportingOverflow(by: maxRatio)
        if uncompressed > InflationLimit.ratioFloor && !overflow && uncompressed > bound {
            let ratio = uncompressed / max(compressed, 1)
            return "the member declares \(uncompressed) bytes from \(compressed) compressed (\(ratio):1, more than --max-inflate-ratio \(maxRatio)); pass --max-inflate-ratio \(ratio + 1) to allow it"
        }
        return nil
    }
}
