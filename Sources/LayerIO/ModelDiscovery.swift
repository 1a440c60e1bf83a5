import Foundation

/// Deciding what a path on disk holds, and listing directories.
///
/// - `x.npz` → one model (npz); `x.safetensors` → one model (safetensors); `x.pt` / `x.pth` → one
///   model (a `torch.save` file); `x.h5` / `x.hdf5` → one model (HDF5, one layer per dataset).
/// - A directory containing `.npy` files → one model, one layer per file, in natural order
///   (`layer2` before `layer10`). Other files in it are ignored.
/// - A *collection* directory — no `.npy` files of its own, but `.npz` / `.safetensors` / `.pt` files
///   and/or subdirectories that contain `.npy` files — → one model per such entry, in natural order
///   of the model names. Other files (`.py`, `.txt`, `.md`, …) are ignored. This is how
///   `layermap samples/` opens every bundled model. Collections are not searched recursively.
///
/// A directory holding both `.npy` files and model entries (a `.npz`, a `.safetensors` or a
/// directory of `.npy` files) is neither: it is an error that names one of each kind, rather
/// than a one-layer model that silently hides the models beside it.
///
/// Hidden entries (names starting with ".") are ignored everywhere.
enum ModelDiscovery {
    static func resolve(_ spec: ModelSpec) throws(LayerIOError) -> [ModelLocation] {
        let path = spec.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .badModelSpec(path: path, detail: "no such file or directory")
        }
        if !isDirectory.boolValue {
            guard let format = fileFormat(path) else {
                throw .badModelSpec(path: path,
                                    detail: "not a .npz, .safetensors, .pt or .h5 file (a model is one of those, or a directory of .npy files)")
            }
            let name = spec.name ?? ModelSpec.defaultName(forPath: path, isDirectory: false)
            return [ModelLocation(name: name, path: path, format: format)]
        }
        let entries = NaturalSort.sorted(try listing(path))
        let layerFiles = entries.filter { isNpyFile(join(path, $0)) }
        let models = modelEntries(of: path, entries)
        if let layer = layerFiles.first {
            if let model = models.first {
                let modelName = URL(fileURLWithPath: model.path).lastPathComponent + (model.format == .npyDirectory ? "/" : "")
                throw .badModelSpec(path: path, detail: "the directory holds layer files (\(layer)\(layerFiles.count > 1 ? ", …" : "")) and models (\(modelName)\(models.count > 1 ? ", …" : "")) side by side; a directory is one model (its .npy files) or a collection of models, so move one kind elsewhere")
            }
            let name = spec.name ?? ModelSpec.defaultName(forPath: path, isDirectory: true)
            return [ModelLocation(name: name, path: path, format: .npyDirectory)]
        }
        guard !models.isEmpty else {
            throw .emptyModel(path: path,
                              detail: "the directory holds no .npy files, and no .npz, .safetensors, .pt, .h5 or directories of .npy files")
        }
        if let name = spec.name {
            throw .badModelSpec(path: path,
                                detail: "\"\(name)=\" cannot name a collection directory, which holds \(models.count) models")
        }
        return models.sorted { NaturalSort.areInIncreasingOrder($0.name, $1.name) }
    }

    /// The models directly inside a directory: `.npz` and `.safetensors` files, and directories
    /// that hold `.npy` files.
    private static func modelEntries(of path: String, _ entries: [String]) -> [ModelLocation] {
        var models: [ModelLocation] = []
        for entry in entries {
            let child = join(path, entry)
            if let format = fileFormat(child), !isDirectoryPath(child) {
                models.append(ModelLocation(name: ModelSpec.defaultName(forPath: child, isDirectory: false),
                                            path: child, format: format))
            } else if isDirectoryPath(child), let files = try? listing(child),
                      files.contains(where: { isNpyFile(join(child, $0)) }) {
                models.append(ModelLocation(name: ModelSpec.defaultName(forPath: child, isDirectory: true),
                                            path: child, format: .npyDirectory))
            }
        }
        return models
    }

    /// The `.npy` file names directly inside `directory`, naturally sorted.
    static func npyFiles(in directory: String) throws(LayerIOError) -> [String] {
        let names = try listing(directory).filter { isNpyFile(join(directory, $0)) }
        return NaturalSort.sorted(names)
    }

    /// `directory/name` without doubling a trailing slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func listing(_ directory: String) throws(LayerIOError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).filter { !$0.hasPrefix(".") }
        } catch {
            throw .unreadableFile(path: directory, detail: "cannot list the directory: \(error.localizedDescription)")
        }
    }

    private static func fileFormat(_ path: String) -> ModelFormat? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "npz": return .npz
        case "safetensors": return .safetensors
        case "pt", "pth": return .torch
        case "h5", "hdf5": return .hdf5
        default: return nil
        }
    }

    private static func isDirectoryPath(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private static func isNpyFile(_ path: String) -> Bool {
        URL(fileURLWithPath: path).pathExtension.lowercased() == "npy" && !isDirectoryPath(path)
    }
}
