import ArgumentParser
import CursesTerminal
import Explorer
import Engine
import Foundation
import LayerIO
import Similarity

/// `layermap [explore] [MODEL...]`: the interactive heatmap. With no MODEL it opens the
/// bundled samples.
struct Explore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explore the layer×layer similarity grids as a coloured heatmap (the default command).",
        discussion: "With no MODEL, opens the bundled samples/. Press ? inside for the keys.")

    @OptionGroup var options: ModelOptions

    @Argument(help: "Models: .npz, .safetensors, .pt, a directory of .npy files, name=path, or a directory of models.")
    var models: [String] = []

    @Option(help: "Colours: auto, truecolor, 256, 16, 8 or none (NO_COLOR is honoured by auto).")
    var color: ColorPreference = .auto

    @Flag(name: .customLong("no-cache"), help: "Neither read nor write the on-disk result cache.")
    var noCache = false

    @Flag(name: .customLong("no-mouse"), help: "Do not capture the mouse.")
    var noMouse = false

    @Option(help: "Memory budget, e.g. 2G or 512M: the grid and the details panel each get half; forms and sections that do not fit are avoided or say so.")
    var memory: MemorySize = .defaultBudget

    @Option(name: .customLong("group"),
            help: "With two groups (NAME=model,model,…), add the seed-baseline view (key b): within- vs across-group similarity.")
    var groups: [String] = []

    func validate() throws {
        if !groups.isEmpty && groups.count != 2 { throw ValidationError("give exactly two --group NAME=model,model,…, or none") }
        for g in groups { _ = try GroupSpec.parse(g) }
    }

    func run() throws {
        let specs = try groups.map(GroupSpec.parse)
        let groupArguments = specs.flatMap(\.models)
        var arguments = models.isEmpty && groupArguments.isEmpty ? [try BundledSamples.locate()] : models
        for a in groupArguments where !arguments.contains(a) { arguments.append(a) }
        let catalog = try options.openCatalog(arguments, memory: memory.bytes)
        let metricOptions = try options.metricOptions(for: catalog)
        let baseline = try specs.isEmpty ? nil : Self.baseline(specs, arguments: arguments, catalog: catalog)
        BLAS.useSingleThread() // one grid worker and one drill worker: see Parallel
        let backend: CursesBackend
        do {
            backend = try CursesBackend(options: CursesOptions(color: color, mouse: !noMouse, onTerminationSignal: .report))
        } catch {
            throw CLIFailure.badInput("cannot open the explorer: \(error) (the headless commands work without a terminal: see 'layermap --help')")
        }
        let inbox = MessageInbox()
        let engine = ExplorerEngine(catalog: catalog, options: metricOptions, reduce: options.reduce,
                                    inbox: inbox, diskCache: noCache ? nil : ResultCache(directory: ResultCache.defaultDirectory()),
                                    groups: baseline, plan: memory.plan)
        var session = SessionBuilder.session(catalog: catalog, reduce: options.reduce, metrics: MeasureFactory.available,
                                             colorMode: backend.colorMode, supportsUnicode: backend.supportsUnicode)
        session.baseline = baseline
        session.clipboard = ClipboardDetection.route()
        let loop = ExplorerLoop(backend: backend, session: session, inbox: inbox, performer: engine)
        loop.run(until: { backend.terminationSignal != nil })
        if !loop.hasQuit { engine.perform(.quit) }
        backend.close()
        LatencyFile.writeIfRequested(loop.latency.summary)
        if let signal = backend.terminationSignal { Foundation.exit(128 + signal) }
    }

    /// The seed-baseline groups as model indices, checked to share one layer list.
    static func baseline(_ specs: [GroupSpec], arguments: [String], catalog: Catalog) throws -> Session.Baseline {
        let members = try specs.map { spec in try spec.models.map { try catalog.index(ofArgument: $0, among: arguments) } }
        let all = members.flatMap { $0 }
        guard Set(all).count == all.count else {
            throw CLIFailure.badInput("a model appears twice in the groups; each model belongs to one group")
        }
        for (g, m) in zip(specs, members) where m.count < 2 {
            throw CLIFailure.badInput("group \(g.name) has \(m.count) model; the within-group mean needs at least 2")
        }
        let names = catalog.models[all[0]].layers.map(\.name)
        for i in all where catalog.models[i].layers.map(\.name) != names {
            throw CLIFailure.badInput("model \"\(catalog.models[i].name)\" does not have the layers of model \"\(catalog.models[all[0]].name)\"; groups must share one layer list")
        }
        return Session.Baseline(groupNames: specs.map(\.name), members: members, layerNames: names)
    }
}

extension ColorPreference: ExpressibleByArgument {}

/// Finds the samples/ directory that ships with layermap.
enum BundledSamples {
    /// `./samples`, else `samples/` at the root of the build tree the executable sits in
    /// (`.build/<config>/layermap` → `../../samples`), else `../share/layermap/samples`.
    static func locate() throws -> String {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("samples"),
            exe.appendingPathComponent("../../../samples"),
            exe.appendingPathComponent("../../samples"),
            exe.appendingPathComponent("../share/layermap/samples"),
        ]
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c.standardized.path, isDirectory: &isDir), isDir.boolValue {
                return c.standardized.path
            }
        }
        throw CLIFailure.badInput("no MODEL given and the bundled samples/ directory was not found; give at least one MODEL")
    }
}
