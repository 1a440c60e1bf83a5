import Foundation

/// One MODEL command-line argument: `path` or `name=path`.
///
/// The argument is split at its first `=` only when the part before it contains no `/` and is not
/// itself an existing path — so `resnet=runs/a.npz` names a model, while a file literally called
/// `a=b.npz` (or `dir/a=b`) is still opened as a path.
public struct ModelSpec: Sendable, Equatable {
    /// The explicit display name, or nil to derive it from the path.
    public var name: String?
    /// The file or directory.
    public var path: String

    public init(name: String? = nil, path: String) {
        self.name = name
        self.path = path
    }

    /// Parses a MODEL argument. Throws `badModelSpec` for an empty argument, name or path.
    public static func parse(_ argument: String) throws(LayerIOError) -> ModelSpec {
        try parse(argument, pathExists: { FileManager.default.fileExists(atPath: $0) })
    }

    /// `parse` with an injectable existence check, for tests.
    static func parse(_ argument: String, pathExists: (String) -> Bool) throws(LayerIOError) -> ModelSpec {
        guard !argument.isEmpty else { throw .badModelSpec(path: "\"\"", detail: "empty MODEL argument") }
        if let equals = argument.firstIndex(of: "=") {
            let before = String(argument[..<equals])
            if !before.contains("/") && !pathExists(before) {
                let path = String(argument[argument.index(after: equals)...])
                guard !before.isEmpty else {
                    throw .badModelSpec(path: argument, detail: "the name before '=' is empty (use name=path)")
                }
                guard !path.isEmpty else {
                    throw .badModelSpec(path: argument, detail: "the path after '=' is empty (use name=path)")
                }
                return ModelSpec(name: before, path: path)
            }
        }
        return ModelSpec(name: nil, path: argument)
    }

    /// The name a path gets when none is given: the file name without its extension
    /// (`runs/resnet.npz` → `resnet`), or the directory name (`runs/vit/` → `vit`; directory names
    /// keep any dots, since they are rarely extensions).
    public static func defaultName(forPath path: String, isDirectory: Bool) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let last = url.lastPathComponent
        if isDirectory || url.pathExtension.isEmpty { return last }
        return url.deletingPathExtension().lastPathComponent
    }

    /// Resolves the spec to the models it denotes: one for a .npz, a .safetensors or a directory of
    /// .npy files; several for a collection directory (see `ModelDiscovery`).
    public func resolve() throws(LayerIOError) -> [ModelLocation] {
        try ModelDiscovery.resolve(self)
    }

    /// Expands MODEL arguments, in order, to the models they denote.
    public static func expand(_ arguments: [String]) throws(LayerIOError) -> [ModelLocation] {
        var result: [ModelLocation] = []
        for argument in arguments { result += try parse(argument).resolve() }
        return result
    }

    /// Expands MODEL arguments and opens every model they denote (headers only), in order.
    /// `Catalog.open` does this and then checks the models against each other.
    /// `group` picks the group of every HDF5 model (see `Model.open`).
    public static func openModels(_ arguments: [String], reduce: ReducePolicy,
                                  inflation: InflationLimit = InflationLimit(),
                                  group: String? = nil) throws(LayerIOError) -> [Model] {
        var models: [Model] = []
        for location in try expand(arguments) {
            models.append(try Model.open(location, reduce: reduce, inflation: inflation, group: group))
        }
        return models
    }
}
