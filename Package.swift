// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "layermap",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "layermap", targets: ["layermap"]),
        // The readers, for the fuzz package in Fuzz/ (built with sanitizers by `make fuzz`).
        .library(name: "LayerIO", targets: ["LayerIO"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // System libraries: OpenBLAS (cblas) with LAPACKE, and ncursesw.
        .systemLibrary(
            name: "CBlas",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // HDF5's C library, for .h5 models (Debian's serial build).
        .systemLibrary(
            name: "CHDF5",
            pkgConfig: "hdf5",
            providers: [.apt(["libhdf5-dev"])]
        ),
        .systemLibrary(
            name: "CNcurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Numerics: matrices, kernels, HSIC, CKA and the other measures, the grid engine.
        // Optimised even in debug builds: its element loops are several times slower at -Onone
        // (reading and centring the N = 20,000 budget test's layers: 54 s against 12 s), which
        // made the memory-budget tests take minutes. Swift neither reassociates nor contracts
        // floating-point arithmetic at -O, so no value changes (Tests/Outputs/check.sh).
        .target(name: "Similarity", dependencies: ["CBlas", "CKernels"], swiftSettings: [.unsafeFlags(["-O"])]),
        // Fixed-order numeric kernels in C (auto-vectorised, identical results on every path).
        .target(name: "CKernels", cSettings: [.unsafeFlags(["-O2", "-ffp-contract=off"])]),
        // How values look, alike in the terminal and in the images: the colour type and scales
        // (RGB, viridis, diverging) and the number formatter. Depends on nothing.
        .target(name: "Palette"),
        // CRC-32 through zlib (shard checksums, stored .npz members).
        .target(name: "CChecksum", linkerSettings: [.linkedLibrary("z")]),
        // SIGBUS guard for file mappings truncated by another process while mapped; plain C on purpose.
        .target(name: "CMapGuard"),
        // Readers for .npy/.npz/.safetensors, the model catalog, the result cache, the export
        // formats and their encoders (CSV, JSON, npy, SVG, PNG, text).
        .target(
            name: "LayerIO",
            dependencies: ["Similarity", "Palette", "CMapGuard", "CChecksum", "CHDF5", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The pure UI: state, messages, update, render into a cell buffer. Sees LayerIO for the
        // export formats its export effect names.
        .target(name: "Explorer", dependencies: ["Similarity", "Palette", "LayerIO"]),
        // Async-signal-safe terminal restore for signals, crashes and exit(); plain C on purpose.
        .target(name: "CTerminalGuard"),
        // The engine: grid, drill-down and baseline jobs on one worker type, the memory plan
        // every job asks, the prepared-layer cache, the disk-cache saver, export tables, and the
        // explorer's EffectPerformer. It depends on Explorer for `Effect`/`EffectPerformer` and
        // the messages it posts (`EngineEvent`), which the UI defines.
        .target(name: "Engine", dependencies: ["Similarity", "LayerIO", "Explorer"]),
        // Test aid only: runs one drill-down headless under a memory budget (the budget test).
        .executableTarget(name: "engine-probe", dependencies: ["Engine", "LayerIO", "Similarity", "Explorer"]),
        // The ncurses backend behind Explorer's TerminalBackend protocol.
        .target(name: "CursesTerminal", dependencies: ["Explorer", "CNcurses", "CTerminalGuard"]),
        // Test aid only: a tiny program the tmux test drives (draws styled cells, echoes keys).
        .executableTarget(name: "curses-probe", dependencies: ["CursesTerminal", "Explorer"]),
        .executableTarget(
            name: "layermap",
            dependencies: [
                "Similarity", "LayerIO", "Explorer", "Engine", "Palette", "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "SimilarityTests",
            dependencies: ["SimilarityTestSupport", "Similarity", "Engine", "LayerIO"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LayerIOTests",
            dependencies: ["LayerIO", "Similarity", "Palette", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MeasuresCCATests",
            dependencies: ["SimilarityTestSupport", "Similarity"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "MeasuresMatchTests",
            dependencies: ["SimilarityTestSupport", "Similarity"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ExplorerTests",
            dependencies: ["Explorer", "Similarity"],
            resources: [.copy("Snapshots")]
        ),
        // Helpers the tests share: spawning programs, driving a real terminal in tmux.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .target(name: "SimilarityTestSupport", dependencies: ["Similarity", "Engine"], path: "Tests/SimilarityTestSupport"),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "Explorer", "LayerIO", "Similarity", "SimilarityTestSupport", "TestSupport", "engine-probe", "layermap"]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["layermap", "TestSupport"],
            exclude: ["Fixtures/make_samples_reference.py"],
            resources: [.copy("Fixtures/samples_reference.json")]
        ),
        .testTarget(
            name: "CursesTerminalTests",
            dependencies: ["CursesTerminal", "Explorer", "CNcurses", "curses-probe", "TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
