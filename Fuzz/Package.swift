// swift-tools-version:6.0
// The readers' fuzz targets: one libFuzzer binary, the reader chosen by LAYERMAP_FUZZ_TARGET
// (npy, npz, safetensors, shard, cache, pt). Only ever built with sanitizers, by `make fuzz`:
//   swift build --package-path Fuzz --sanitize fuzzer --sanitize address
// libFuzzer supplies `main`; the C shim supplies its two entry points.
import PackageDescription

let package = Package(
    name: "layermap-fuzz",
    dependencies: [.package(name: "layermap", path: "..")],
    targets: [
        // What each reader does with one input (Swift, @_cdecl entry `lm_fuzz_one`).
        .target(name: "FuzzReaders", dependencies: [.product(name: "LayerIO", package: "layermap")]),
        // LLVMFuzzerInitialize / LLVMFuzzerTestOneInput in C, calling FuzzReaders.
        .executableTarget(name: "layermap-fuzz", dependencies: ["FuzzReaders"],
                          linkerSettings: [.unsafeFlags(["-use-ld=lld"])]),
    ],
    swiftLanguageModes: [.v6]
)
