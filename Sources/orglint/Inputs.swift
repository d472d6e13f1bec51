import Foundation
import OrgDiagnostics
import OrgModel
import OrgRules
import OrgYAML

/// What `check` was asked to look at: models (each a list of files) and
/// proposals, as the contract groups paths.
struct Inputs {
  /// A model: the path that names it (a directory, or the first file named
  /// directly) and its files. Each directory is one model; all organisation
  /// files named directly form one.
  struct ModelFiles {
    var label: String
    var files: [String]
  }

  var models: [ModelFiles] = []

  /// The configuration file, never part of a model.
  static let configFileName = ".orglint.yml"

  /// Groups `paths`; a missing path stops the run.
  static func collect(_ paths: [String]) throws(InputError) -> Inputs {
    var inputs = Inputs()
    var loose: [String] = []
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw InputError(path: path, message: "no such file or directory")
      }
      if isDirectory.boolValue {
        let files = RuleLibrary.yamlFiles(below: URL(fileURLWithPath: path))
          .filter { ($0 as NSString).lastPathComponent != configFileName }
          .map { join(path, $0) }
        if files.isEmpty { throw InputError(path: path, message: "holds no YAML file; nothing was checked") }
        inputs.models.append(ModelFiles(label: path, files: files))
      } else {
        loose.append(path)
      }
    }
    if let first = loose.first { inputs.models.append(ModelFiles(label: first, files: loose)) }
    return inputs
  }

  /// A path below a folder, as the user would write it ("dir/x.yaml", not "./dir/x.yaml").
  static func join(_ directory: String, _ relative: String) -> String {
    if directory == "." || directory == "./" { return relative }
    return directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
  }
}

struct InputError: Error {
  var path: String
  var message: String
}

/// One model read from its files: the model, what the loader reported, and
/// whether any file was not well-formed YAML.
struct LoadedModel {
  var model: Model
  var diagnostics: [Diagnostic]
  var hasSyntaxError: Bool
  var proposals: [String]
}

enum ModelLoader {
  /// Reads, parses and builds one model. Proposal files found among the
  /// files are returned separately: they are checked on their own base.
  static func load(_ files: [String]) throws(InputError) -> LoadedModel {
    var builder = ModelBuilder()
    var diagnostics: [Diagnostic] = []
    var hasSyntaxError = false
    var proposals: [String] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw InputError(path: file, message: "cannot be read")
      }
      do {
        let tree = try YAMLParser.parse(Array(data), file: file)
        if ModelBuilder.isProposal(tree) {
          proposals.append(file)
        } else {
          builder.add(tree)
        }
      } catch {
        diagnostics.append(error.diagnostic)
        hasSyntaxError = true
      }
    }
    let (model, loaderDiagnostics) = builder.finish()
    return LoadedModel(
      model: model, diagnostics: diagnostics + loaderDiagnostics, hasSyntaxError: hasSyntaxError,
      proposals: proposals)
  }
}
