import Foundation
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
  static func collect(_ paths: [String]) throws(FileError) -> Inputs {
    var inputs = Inputs()
    var loose: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw FileError(path: path, message: "no such file or directory")
      }
      if isDirectory.boolValue {
        let files = ModelLoader.files(inDirectory: path)
        if files.isEmpty { throw FileError(path: path, message: "holds no YAML file; nothing was checked") }
        inputs.models.append(ModelFiles(label: path, files: files))
      } else {
        loose.append(path)
      }
    }
    if let first = loose.first { inputs.models.append(ModelFiles(label: first, files: loose)) }
    return inputs
  }
}
