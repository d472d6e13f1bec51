import OrgConfig
import OrgModel

/// What `check` was asked to look at, grouped as the contract says: each
/// directory is one model; all files named directly form one model together;
/// proposal files (found either way) are checked each on its own base.
struct Inputs {
  /// A model: the path that names it (a directory, or the first file named
  /// directly) and its files.
  struct ModelFiles {
    var label: String
    var files: [String]
  }

  var models: [ModelFiles] = []

  /// Groups `paths`; a missing path or an empty directory stops the run.
  /// The configuration's `ignore` patterns leave out files found in
  /// directories; a file named on the command line is always checked.
  static func collect(_ paths: [String], configuration: Configuration? = nil) throws(FileError) -> Inputs {
    var inputs = Inputs()
    var loose: [String] = []
    for path in paths {
      guard let kind = Files.kind(of: path) else {
        throw FileError(path: path, message: "no such file or directory")
      }
      if kind == .folder {
        let found = try ModelLoader.files(inDirectory: path)
        let files = found.filter { !(configuration?.ignores($0) ?? false) }
        if files.isEmpty {
          let ignored = found.isEmpty ? "" : " that \(configuration?.path ?? "") does not ignore"
          throw FileError(path: path, message: "holds no YAML file\(ignored); nothing was checked")
        }
        inputs.models.append(ModelFiles(label: path, files: files))
      } else {
        loose.append(path)
      }
    }
    if let first = loose.first { inputs.models.append(ModelFiles(label: first, files: loose)) }
    return inputs
  }
}
